//! Codes as text: [`Code`], a code as received on the wire (known to this catalog or not),
//! [`UnknownCode`], and the string and serde conversions of [`ErrorCode`], which all go through
//! [`ErrorCode::as_str`] and [`ErrorCode::lookup`].

use core::fmt;
use core::str::FromStr;

use crate::ErrorCode;

/// Prints the wire string.
impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl AsRef<str> for ErrorCode {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl FromStr for ErrorCode {
    type Err = UnknownCode;

    #[inline]
    fn from_str(code: &str) -> Result<Self, UnknownCode> {
        Self::lookup(code).ok_or_else(|| UnknownCode(code.to_owned()))
    }
}

/// A string that is not a code of the catalog: the error of parsing it as an [`ErrorCode`],
/// and what [`Code::Unknown`] holds.
///
/// Only this crate builds one, after looking the string up, so it never holds a code of the
/// catalog: `Code::Unknown` of a known code cannot exist. To keep unknown codes instead of
/// failing, parse into [`Code`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownCode(pub(crate) String);

impl UnknownCode {
    /// The string that is not a code of the catalog.
    #[must_use]
    pub fn code(&self) -> &str {
        &self.0
    }

    /// The string, owned.
    #[must_use]
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl AsRef<str> for UnknownCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown error code `{}`", self.0)
    }
}

impl std::error::Error for UnknownCode {}

/// The error of parsing a string that is not a category id of the catalog as a
/// [`Category`](crate::Category).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownCategory(pub(crate) String);

impl UnknownCategory {
    /// The string that is not a category id of the catalog.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown error category `{}`", self.0)
    }
}

impl std::error::Error for UnknownCategory {}

/// An error code as received on the wire: a code of this catalog, or one it does not know
/// (from a newer version of the API), kept as received.
///
/// Build it with `From`, which looks the string up, so a code of the catalog is always
/// `Known` (an [`UnknownCode`] cannot hold one); serde reads any string into it without
/// failing.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    /// A code of this catalog.
    Known(ErrorCode),

    /// A code this version of the catalog does not know, as received.
    Unknown(UnknownCode),
}

impl Code {
    /// The code as sent on the wire.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Known(code) => code.as_str(),
            Self::Unknown(code) => code.code(),
        }
    }

    /// The code, if this catalog knows it.
    #[must_use]
    pub const fn known(&self) -> Option<ErrorCode> {
        match self {
            Self::Known(code) => Some(*code),
            Self::Unknown(_) => None,
        }
    }

    /// Whether this catalog knows the code.
    #[must_use]
    pub const fn is_known(&self) -> bool {
        matches!(self, Self::Known(_))
    }
}

impl From<ErrorCode> for Code {
    fn from(code: ErrorCode) -> Self {
        Self::Known(code)
    }
}

/// Looks the code up: `Known` if the catalog has it, `Unknown` otherwise.
impl From<&str> for Code {
    fn from(code: &str) -> Self {
        match ErrorCode::lookup(code) {
            Some(known) => Self::Known(known),
            None => Self::Unknown(UnknownCode(code.to_owned())),
        }
    }
}

/// Looks the code up: `Known` if the catalog has it, `Unknown` otherwise.
impl From<String> for Code {
    fn from(code: String) -> Self {
        match ErrorCode::lookup(&code) {
            Some(known) => Self::Known(known),
            None => Self::Unknown(UnknownCode(code)),
        }
    }
}

/// Looks the code up: `Known` if the catalog has it, `Unknown` otherwise.
impl FromStr for Code {
    type Err = core::convert::Infallible;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Ok(Self::from(code))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<ErrorCode> for Code {
    fn eq(&self, other: &ErrorCode) -> bool {
        self.known() == Some(*other)
    }
}

impl PartialEq<Code> for ErrorCode {
    fn eq(&self, other: &Code) -> bool {
        other == self
    }
}

/// Serializes as the wire string.
#[cfg(feature = "serde")]
impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Deserializes from a wire string; fails on a code the catalog does not have.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = ErrorCode;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error code of the catalog")
            }

            fn visit_str<E: serde::de::Error>(self, code: &str) -> Result<ErrorCode, E> {
                ErrorCode::lookup(code)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(code), &self))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// Serializes as the wire string.
#[cfg(feature = "serde")]
impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Deserializes from any string; never fails on an unknown code.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = Code;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error code string")
            }

            fn visit_str<E: serde::de::Error>(self, code: &str) -> Result<Code, E> {
                Ok(Code::from(code))
            }

            fn visit_string<E: serde::de::Error>(self, code: String) -> Result<Code, E> {
                Ok(Code::from(code))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}
