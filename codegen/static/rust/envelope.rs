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
pub struct ErrorEnvelope {
    #[doc = envelope_doc!(success)]
    ///
    /// Read as `false` when absent.
    #[cfg_attr(feature = "serde", serde(default))]
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
