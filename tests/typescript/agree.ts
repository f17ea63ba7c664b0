// The package's JavaScript (js-only/, type-checked from its JSDoc) and its declarations (pkg/)
// describe the same exports: every value export of each has the type the other declares.
import * as implementation from "./js-only/index.js";
import type * as declarations from "./pkg/index.js";

declare const declared: typeof declarations;

export const implementationMatchesDeclarations: typeof declarations = implementation;
export const declarationsMatchImplementation: typeof implementation = declared;

// Types that only exist in each: the same names, mutually assignable.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type JsTypes = typeof import("./js-only/errors.js");
export const sameTypes: [
  Same<implementation.ErrorCode, declarations.ErrorCode>,
  Same<implementation.Category, declarations.Category>,
  Same<implementation.ErrorCodeInfo, declarations.ErrorCodeInfo>,
  Same<implementation.Deprecation, declarations.Deprecation>,
  Same<implementation.RetiredCode, declarations.RetiredCode>,
  Same<implementation.ApiErrorInit, declarations.ApiErrorInit>,
  Same<implementation.ErrorDetails, declarations.ErrorDetails>,
  Same<implementation.ErrorEnvelope, declarations.ErrorEnvelope>,
  Same<implementation.ErrorBody, declarations.ErrorBody>,
  Same<implementation.ErrorMeta, declarations.ErrorMeta>,
  Same<implementation.ResponseLike, declarations.ResponseLike>,
  Same<implementation.RetryOptions, declarations.RetryOptions>,
  Same<implementation.RetryEvent, declarations.RetryEvent>,
  Same<implementation.AbortSignalLike, declarations.AbortSignalLike>,
  Same<implementation.ConnectionErrorInit, declarations.ConnectionErrorInit>,
  Same<implementation.ErrorHandlers<number>, declarations.ErrorHandlers<number>>,
  Same<implementation.ExhaustiveHandlers<number>, declarations.ExhaustiveHandlers<number>>,
  Same<implementation.HandlersWithDefault<number>, declarations.HandlersWithDefault<number>>,
  Same<InstanceType<JsTypes["RateLimitError"]>, declarations.RateLimitError>,
] = [
  true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true,
  true, true, true,
];
