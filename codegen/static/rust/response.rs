//! Reading an error response: [`ApiError::from_response_parts`], the decision table every
//! package generated from this catalog implements alike.

use core::time::Duration;

use serde_json::{Map, Value};

use crate::{ApiError, Code, Details, HttpStatus};

/// How much of a response body [`ApiError::from_response_parts`] reads: 1 MiB. The rest is
/// ignored.
pub const BODY_LIMIT: usize = 1 << 20;

/// The longest `Retry-After` honoured: one day. A longer one is ignored as absurd.
pub const RETRY_AFTER_LIMIT: Duration = Duration::from_secs(86_400);

impl ApiError {
    /// Reads an error response: its HTTP status, its headers (`(name, value)` pairs, names in
    /// any case, the first of a name counts) and its body. Never fails: whatever the body, the
    /// result is the error a client should act on.
    ///
    /// - the code: `error.code` of a JSON envelope, kept as [`Code::Unknown`] when this catalog
    ///   does not know it; none when the body is not an envelope (an HTML page from a proxy);
    /// - the message: the first non-empty of `error.message`, `error` (a string, as in
    ///   `{"error": "Invalid token"}`) and `message` (`{"message": "…"}`); else the catalog's
    ///   message of the code, else the status's title, else `HTTP status <status>`;
    /// - the request id: `meta.request_id`, else the `X-Request-Id` header; the timestamp:
    ///   `meta.timestamp`; the details: `error.details` (members of the wrong type are left out);
    /// - [`retry_after`](ApiError::retry_after): the `Retry-After` header as delta-seconds or an
    ///   HTTP-date in any of its three forms (RFC 9110 §5.6.7); a past date is zero; anything
    ///   else, or more than [`RETRY_AFTER_LIMIT`], is ignored.
    ///
    /// Only the first [`BODY_LIMIT`] bytes of the body are read (invalid UTF-8 is replaced);
    /// [`body`](ApiError::body) keeps that text.
    ///
    /// The [crate-level example](crate) reads a proxy's HTML page with it.
    pub fn from_response_parts(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Self {
        let read = &body[..body.len().min(BODY_LIMIT)];
        let text = String::from_utf8_lossy(read).into_owned();
        let json: Option<Value> = serde_json::from_str(&text).ok();
        let root = json.as_ref().and_then(Value::as_object);
        let member = |object: Option<&Map<String, Value>>, name: &str| {
            object.and_then(|o| o.get(name)).cloned()
        };
        let error = member(root, "error");
        let error_object = error.as_ref().and_then(Value::as_object);
        let meta = member(root, "meta");
        let meta = meta.as_ref().and_then(Value::as_object);
        let string = |value: Option<Value>| match value {
            Some(Value::String(s)) => Some(s),
            _ => None,
        };
        let non_empty = |value: Option<Value>| string(value).filter(|s| !s.is_empty());

        let code = string(member(error_object, "code")).map(Code::from);
        let message = non_empty(member(error_object, "message"))
            .or_else(|| non_empty(error.clone()))
            .or_else(|| non_empty(member(root, "message")))
            .or_else(|| {
                code.as_ref()
                    .and_then(Code::known)
                    .map(|c| c.message().to_owned())
            })
            .or_else(|| HttpStatus::lookup(status).map(|s| s.title.to_owned()))
            .unwrap_or_else(|| format!("HTTP status {status}"));
        let details = member(error_object, "details")
            .as_ref()
            .and_then(Value::as_object)
            .map(|d| Details {
                field: string(d.get("field").cloned()),
                issue: string(d.get("issue").cloned()),
            });
        let header = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.trim_matches([' ', '\t']))
        };
        let request_id = non_empty(member(meta, "request_id")).or_else(|| {
            header("x-request-id")
                .filter(|id| !id.is_empty())
                .map(str::to_owned)
        });
        let retry_after = header("retry-after").and_then(|value| {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            parse_retry_after(value, now)
        });
        Self {
            code,
            status,
            message,
            details,
            request_id,
            timestamp: string(member(meta, "timestamp")),
            retry_after,
            challenge: None,
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            body: Some(text),
        }
    }

    /// [`from_response_parts`](ApiError::from_response_parts) of an `http::Response` whose body
    /// has been read (`Bytes`, `Vec<u8>`, `String`…). Headers that are not text are left out.
    #[cfg(feature = "http")]
    pub fn from_http_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Self {
        let headers: Vec<(&str, &str)> = response
            .headers()
            .iter()
            .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)))
            .collect();
        Self::from_response_parts(
            response.status().as_u16(),
            &headers,
            response.body().as_ref(),
        )
    }
}

/// A `Retry-After` value as a wait from `now` (since the Unix epoch): delta-seconds, or the
/// time left until an HTTP-date (zero when past); `None` for anything else or for more than
/// [`RETRY_AFTER_LIMIT`].
fn parse_retry_after(value: &str, now: Duration) -> Option<Duration> {
    let value = value.trim_matches([' ', '\t']);
    let wait = if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        Duration::from_secs(value.parse().ok()?)
    } else {
        let now_seconds = i64::try_from(now.as_secs()).ok()?;
        let at = Duration::from_secs(u64::try_from(parse_http_date(value, now_seconds)?).ok()?);
        at.checked_sub(now).unwrap_or(Duration::ZERO)
    };
    (wait <= RETRY_AFTER_LIMIT).then_some(wait)
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const LONG_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Seconds since the Unix epoch of an HTTP-date: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`),
/// RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`, whose two-digit year is read as RFC 9110 says:
/// the year with those digits that is not more than 50 years after `now_seconds`, the current
/// time) or asctime (`Sun Nov  6 08:49:37 1994`). The day of the week must be a day name but is
/// not checked against the date.
fn parse_http_date(text: &str, now_seconds: i64) -> Option<i64> {
    let b = text.as_bytes();
    let digits = |from: usize, to: usize| -> Option<i64> {
        let part = b.get(from..to)?;
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        core::str::from_utf8(part).ok()?.parse().ok()
    };
    let month = |from: usize| -> Option<i64> {
        let part = text.get(from..from + 3)?;
        let index = MONTHS.iter().position(|m| *m == part)?;
        i64::try_from(index).ok().map(|i| i + 1)
    };
    let time = |at: usize| -> Option<(i64, i64, i64)> {
        if b.get(at + 2) != Some(&b':') || b.get(at + 5) != Some(&b':') {
            return None;
        }
        Some((
            digits(at, at + 2)?,
            digits(at + 3, at + 5)?,
            digits(at + 6, at + 8)?,
        ))
    };
    let (year, month, day, (h, m, s)) = if let Some((weekday, rest)) = text.split_once(", ") {
        let r = rest.as_bytes();
        let at = weekday.len() + 2;
        if DAYS.contains(&weekday) && r.len() == 24 && rest.ends_with(" GMT") {
            if r[2] != b' ' || r[6] != b' ' || r[11] != b' ' {
                return None;
            }
            (
                digits(at + 7, at + 11)?,
                month(at + 3)?,
                digits(at, at + 2)?,
                time(at + 12)?,
            )
        } else if LONG_DAYS.contains(&weekday) && r.len() == 22 && rest.ends_with(" GMT") {
            if r[2] != b'-' || r[6] != b'-' || r[9] != b' ' {
                return None;
            }
            let yy = digits(at + 7, at + 9)?;
            let (this_year, _, _) = crate::time::civil_from_days(now_seconds.div_euclid(86_400));
            let year = this_year - this_year.rem_euclid(100) + yy;
            (
                if year > this_year + 50 {
                    year - 100
                } else {
                    year
                },
                month(at + 3)?,
                digits(at, at + 2)?,
                time(at + 10)?,
            )
        } else {
            return None;
        }
    } else {
        if b.len() != 24 || !DAYS.contains(&text.get(0..3)?) {
            return None;
        }
        if b[3] != b' ' || b[7] != b' ' || b[10] != b' ' || b[19] != b' ' {
            return None;
        }
        let day = if b[8] == b' ' {
            digits(9, 10)?
        } else {
            digits(8, 10)?
        };
        (digits(20, 24)?, month(4)?, day, time(11)?)
    };
    let days_in_month = match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if !(1..=days_in_month).contains(&day) || h > 23 || m > 59 || s > 59 {
        return None;
    }
    Some(crate::time::days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_date_forms_are_the_same_instant() {
        for text in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
        ] {
            assert_eq!(
                parse_http_date(text, 784_111_777),
                Some(784_111_777),
                "{text}"
            );
        }
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 UTC", 0), None);
    }

    #[test]
    fn a_two_digit_year_is_at_most_50_years_ahead_of_now() {
        let in_2026 = 1_767_225_600; // 2026-01-01T00:00:00Z
        let year_of = |text: &str| {
            let seconds = parse_http_date(text, in_2026).expect(text);
            crate::time::civil_from_days(seconds.div_euclid(86_400)).0
        };
        assert_eq!(year_of("Wednesday, 01-Jan-70 00:00:00 GMT"), 2070);
        assert_eq!(year_of("Monday, 01-Jan-77 00:00:00 GMT"), 1977);
        assert_eq!(year_of("Sunday, 06-Nov-94 08:49:37 GMT"), 1994);
        // The weekday is not checked against the date.
        assert_eq!(year_of("Monday, 01-Jan-25 00:00:00 GMT"), 2025);
    }

    #[test]
    fn retry_after_ignores_what_is_not_seconds_or_a_date_and_absurd_waits() {
        let now = Duration::from_secs(784_111_777);
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:47 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Sun Nov  6 08:49:30 1994", now),
            Some(Duration::ZERO)
        );
        for ignored in ["-1", "1.5", "86401", "soon", "", "99999999999999999999999"] {
            assert_eq!(parse_retry_after(ignored, now), None, "{ignored}");
        }
    }
}
