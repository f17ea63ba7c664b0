//! The JSON error envelope: the body of every error response.
//!
//! The catalog documents the envelope (its `[envelope]` table): each type and member below takes
//! that text from `envelope_doc!`, generated into `envelope_docs.rs`.

use crate::envelope_docs::envelope_doc;
use crate::Code;

#[doc = envelope_doc!(envelope)]
///
/// With the `serde` feature it serializes to exactly this shape: `None` members are
/// left out, missing ones read as `None`, and unknown ones are ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ErrorEnvelope {
    #[doc = envelope_doc!(success)]
    ///
    /// Always `false`: read as `false` when absent, and a body with `"success": true` is not
    /// an error envelope (deserializing it fails).
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "deserialize_false")
    )]
    pub success: bool,

    #[doc = envelope_doc!(error)]
    pub error: ErrorBody,

    #[doc = envelope_doc!(meta)]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub meta: Option<Meta>,
}

/// The `error` member of an [`ErrorEnvelope`].
///
#[doc = envelope_doc!(error)]
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ErrorBody {
    #[doc = envelope_doc!(code)]
    pub code: Code,

    #[doc = envelope_doc!(message)]
    ///
    /// Read as empty when absent.
    #[cfg_attr(feature = "serde", serde(default))]
    pub message: String,

    #[doc = envelope_doc!(details)]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub details: Option<Details>,
}

/// The `error.details` member of an [`ErrorEnvelope`].
///
#[doc = envelope_doc!(details)]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Details {
    #[doc = envelope_doc!(field)]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub field: Option<String>,

    #[doc = envelope_doc!(issue)]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub issue: Option<String>,
}

/// The `meta` member of an [`ErrorEnvelope`].
///
#[doc = envelope_doc!(meta)]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Meta {
    #[doc = envelope_doc!(request_id)]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub request_id: Option<String>,

    #[doc = envelope_doc!(timestamp)]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub timestamp: Option<String>,
}

/// Reads `success`, which must be `false` in an error envelope.
#[cfg(feature = "serde")]
fn deserialize_false<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    let success = <bool as serde::Deserialize>::deserialize(deserializer)?;
    if success {
        Err(serde::de::Error::invalid_value(
            serde::de::Unexpected::Bool(true),
            &"`false`: an error envelope has \"success\": false",
        ))
    } else {
        Ok(false)
    }
}

impl ErrorEnvelope {
    /// An envelope of `error`, with `success: false` and no `meta`.
    #[must_use]
    pub fn new(error: ErrorBody) -> Self {
        Self {
            success: false,
            error,
            meta: None,
        }
    }

    /// The same envelope with `meta`.
    #[must_use]
    pub fn with_meta(mut self, meta: Meta) -> Self {
        self.meta = Some(meta);
        self
    }
}

impl ErrorBody {
    /// The `error` member of a code and its message, without details. A code of the catalog
    /// converts into [`Code`]; so does a string (looked up).
    #[must_use]
    pub fn new(code: impl Into<Code>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            details: None,
        }
    }

    /// The same body with `details`.
    #[must_use]
    pub fn with_details(mut self, details: Details) -> Self {
        self.details = Some(details);
        self
    }
}

impl Details {
    /// Details with no member set (as [`Details::default`]).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The same details with `field`.
    #[must_use]
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The same details with `issue`.
    #[must_use]
    pub fn with_issue(mut self, issue: impl Into<String>) -> Self {
        self.issue = Some(issue.into());
        self
    }
}

impl Meta {
    /// Meta with no member set (as [`Meta::default`]).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The same meta with `request_id`.
    #[must_use]
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// The same meta with `timestamp`.
    #[must_use]
    pub fn with_timestamp(mut self, timestamp: impl Into<String>) -> Self {
        self.timestamp = Some(timestamp.into());
        self
    }
}
