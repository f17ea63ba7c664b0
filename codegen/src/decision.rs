//! What a client concludes from an error response: the decision table every package implements,
//! written once here as the reference implementation.
//!
//! The conformance target (`generated/conformance/vectors.json`) computes the expected decision
//! of every vector with [`decide`]; the Rust crate (`ApiError::from_response_parts`), the
//! TypeScript package and the Python package each implement the same table at run time and are
//! tested against those vectors by real clients over HTTP (`cargo xtask test --only
//! conformance`).
//!
//! [`decide`] reads the body's members ([`read_body`]), then applies the table ([`decide_read`]);
//! the conformance target calls [`decide_read`] directly for the envelopes it writes itself, whose
//! members it knows without parsing them.
//!
//! The table, from `(status, headers, body)`; the body is read up to [`BODY_LIMIT`] bytes, the
//! rest is dropped, and the JSON is parsed from that text (invalid UTF-8 replaced):
//!
//! | member | rule |
//! | --- | --- |
//! | `raw_code` | `body.error.code` when the body is a JSON object whose `error` is an object whose `code` is a string |
//! | `code` | `raw_code` when it is a code of the catalog |
//! | `message` | the first non-empty string of `body.error.message`, `body.error`, `body.message`; else the code's catalog message; else the status's title in the status table; else `HTTP status <status>` |
//! | `family_class` | [`rules::family_of`] of the status |
//! | `own_class` | `code` is set and its catalog status is the response's status |
//! | `request_id` | `body.meta.request_id` (non-empty string), else the first `X-Request-Id` header (trimmed, non-empty) |
//! | `timestamp` | `body.meta.timestamp` when a string |
//! | `details` | `body.error.details` when an object: its `field` and `issue`, each a string or nothing |
//! | `retryable` | never outside 400–599; else the code's flag; else the status table's; else [`rules::default_retryable`] |
//! | `retry_after_ms` | the first `Retry-After` header: delta-seconds (ASCII digits), or an HTTP-date in any of the three forms of RFC 9110 §5.6.7 (the time left, never below 0); nothing for anything else or for more than [`RETRY_AFTER_LIMIT_SECONDS`] |

use serde_json::Value;

use crate::model::{Catalog, Code};
use crate::rules;

/// How much of a body a client reads: 1 MiB. The rest is dropped before parsing.
pub const BODY_LIMIT: usize = 1 << 20;

/// The longest `Retry-After` a client honours: one day. A longer one is ignored as absurd.
pub const RETRY_AFTER_LIMIT_SECONDS: u64 = 86_400;

/// What a client concludes from an error response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The family class of the status ([`rules::family_of`]).
    pub family_class: &'static str,
    /// Whether the code's own class applies: a code of the catalog sent with its own status.
    pub own_class: bool,
    /// The code, when the catalog has it.
    pub code: Option<String>,
    /// The code as received, known or not.
    pub raw_code: Option<String>,
    /// The message to show.
    pub message: String,
    /// The id of the failed request.
    pub request_id: Option<String>,
    /// When the error happened, as sent.
    pub timestamp: Option<String>,
    /// The details, when the body has them.
    pub details: Option<Details>,
    /// Whether the request may be retried.
    pub retryable: bool,
    /// How long the server asks to wait before retrying, in milliseconds.
    pub retry_after_ms: Option<u64>,
}

/// `error.details` as decided: each member a string or nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Details {
    /// `error.details.field`.
    pub field: Option<String>,
    /// `error.details.issue`.
    pub issue: Option<String>,
}

/// Decides an error response. `headers` are `(name, value)` pairs, names matched
/// case-insensitively, the first of a name wins; `now_ms` is the time (milliseconds since the
/// Unix epoch) against which a `Retry-After` date is measured.
pub fn decide(
    catalog: &Catalog,
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
    now_ms: i64,
) -> Decision {
    let lookup = |wire: &str| catalog.codes.iter().find(|c| c.wire == wire);
    decide_with(catalog, &lookup, status, headers, body, now_ms)
}

/// [`decide`] with `lookup` finding a code of `catalog` by its wire string: callers that decide
/// one response per code pass an index, so that deciding stays linear in the catalog's size.
pub fn decide_with<'c>(
    catalog: &'c Catalog,
    lookup: &dyn Fn(&str) -> Option<&'c Code>,
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
    now_ms: i64,
) -> Decision {
    let read = &body[..body.len().min(BODY_LIMIT)];
    let text = String::from_utf8_lossy(read);
    let json: Option<Value> = serde_json::from_str(&text).ok();
    decide_read(
        catalog,
        lookup,
        status,
        headers,
        &read_body(json.as_ref()),
        now_ms,
    )
}

/// What the decision table reads from a body: the members it looks at, as found by
/// [`read_body`], before any rule of the catalog applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Read<'b> {
    /// `body.error.code` when a string (and `error` an object).
    pub raw_code: Option<&'b str>,
    /// The first non-empty string of `body.error.message`, `body.error`, `body.message`.
    pub message: Option<&'b str>,
    /// `body.meta.request_id` when a non-empty string.
    pub request_id: Option<&'b str>,
    /// `body.meta.timestamp` when a string.
    pub timestamp: Option<&'b str>,
    /// `body.error.details` when an object: its `field` and `issue` when strings.
    pub details: Option<(Option<&'b str>, Option<&'b str>)>,
}

/// The members of a body the table looks at; `json` is the body parsed, `None` when it is not
/// JSON.
pub fn read_body(json: Option<&Value>) -> Read<'_> {
    fn non_empty(value: Option<&Value>) -> Option<&str> {
        value.and_then(Value::as_str).filter(|s| !s.is_empty())
    }
    let root = json.and_then(Value::as_object);
    let error = root.and_then(|r| r.get("error"));
    let error_object = error.and_then(Value::as_object);
    let meta = root.and_then(|r| r.get("meta")).and_then(Value::as_object);
    Read {
        raw_code: error_object
            .and_then(|e| e.get("code"))
            .and_then(Value::as_str),
        message: non_empty(error_object.and_then(|e| e.get("message")))
            .or_else(|| non_empty(error))
            .or_else(|| non_empty(root.and_then(|r| r.get("message")))),
        request_id: non_empty(meta.and_then(|m| m.get("request_id"))),
        timestamp: meta
            .and_then(|m| m.get("timestamp"))
            .and_then(Value::as_str),
        details: error_object
            .and_then(|e| e.get("details"))
            .and_then(Value::as_object)
            .map(|d| {
                (
                    d.get("field").and_then(Value::as_str),
                    d.get("issue").and_then(Value::as_str),
                )
            }),
    }
}

/// The rest of [`decide_with`]: the decision from what was read from the body (see
/// [`read_body`]), the status and the headers.
pub fn decide_read<'c>(
    catalog: &'c Catalog,
    lookup: &dyn Fn(&str) -> Option<&'c Code>,
    status: u16,
    headers: &[(&str, &str)],
    read: &Read<'_>,
    now_ms: i64,
) -> Decision {
    let known = read.raw_code.and_then(lookup);
    let message = read
        .message
        .map(str::to_owned)
        .or_else(|| known.map(|c| c.message.clone()))
        .or_else(|| catalog.status(status).map(|s| s.title.clone()))
        .unwrap_or_else(|| format!("HTTP status {status}"));
    let request_id = read.request_id.or_else(|| {
        header(headers, "x-request-id")
            .map(|v| v.trim_matches([' ', '\t']))
            .filter(|v| !v.is_empty())
    });
    let retryable = rules::is_error_status(status)
        && match known {
            Some(code) => code.retryable,
            None => catalog
                .status(status)
                .map_or_else(|| rules::default_retryable(status), |s| s.retryable),
        };
    let retry_after_ms =
        header(headers, "retry-after").and_then(|value| retry_after_ms(value, now_ms));
    Decision {
        family_class: rules::family_of(status),
        own_class: known.is_some_and(|c| c.status == status),
        code: known.map(|c| c.wire.clone()),
        raw_code: read.raw_code.map(str::to_owned),
        message,
        request_id: request_id.map(str::to_owned),
        timestamp: read.timestamp.map(str::to_owned),
        details: read.details.map(|(field, issue)| Details {
            field: field.map(str::to_owned),
            issue: issue.map(str::to_owned),
        }),
        retryable,
        retry_after_ms,
    }
}

/// The first value of the header `name` (lowercase), matched case-insensitively.
fn header<'a>(headers: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| *v)
}

/// A `Retry-After` value in milliseconds: delta-seconds, or the time from `now_ms` to an
/// HTTP-date (0 when it is past); `None` for anything else or for more than a day.
pub fn retry_after_ms(value: &str, now_ms: i64) -> Option<u64> {
    let value = value.trim_matches([' ', '\t']);
    let limit_ms = RETRY_AFTER_LIMIT_SECONDS * 1000;
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        let seconds: u64 = value.parse().ok()?;
        return (seconds <= RETRY_AFTER_LIMIT_SECONDS).then_some(seconds * 1000);
    }
    let at_ms = parse_http_date(value, now_ms.div_euclid(1000))?.checked_mul(1000)?;
    let wait = u64::try_from(at_ms.saturating_sub(now_ms).max(0)).ok()?;
    (wait <= limit_ms).then_some(wait)
}

/// The three forms of an HTTP-date (RFC 9110 §5.6.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateForm {
    /// `Sun, 06 Nov 1994 08:49:37 GMT`, the one servers send.
    Imf,
    /// `Sunday, 06-Nov-94 08:49:37 GMT`, obsolete.
    Rfc850,
    /// `Sun Nov  6 08:49:37 1994`, C's `asctime()`, obsolete.
    Asctime,
}

impl DateForm {
    /// Every form, in the order above.
    pub const ALL: [DateForm; 3] = [DateForm::Imf, DateForm::Rfc850, DateForm::Asctime];

    /// Its name in the vectors: `imf`, `rfc850`, `asctime`.
    pub fn name(self) -> &'static str {
        match self {
            DateForm::Imf => "imf",
            DateForm::Rfc850 => "rfc850",
            DateForm::Asctime => "asctime",
        }
    }
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

/// Seconds since the Unix epoch of an HTTP-date in any of its three forms. The day of the week
/// must be a day name but is not checked against the date; a two-digit year (RFC 850) is, as
/// RFC 9110 says, the year with those digits that is not more than 50 years after
/// `now_seconds`.
pub fn parse_http_date(text: &str, now_seconds: i64) -> Option<i64> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(range)?;
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let month = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        MONTHS.iter().position(|m| *m == part).map(|i| i as i64 + 1)
    };
    let time = |at: usize| -> Option<(i64, i64, i64)> {
        (b.get(at + 2) == Some(&b':') && b.get(at + 5) == Some(&b':')).then_some(())?;
        Some((
            digits(at..at + 2)?,
            digits(at + 3..at + 5)?,
            digits(at + 6..at + 8)?,
        ))
    };
    let (year, month, day, (h, m, s)) = if let Some((weekday, rest)) = text.split_once(", ") {
        let r = rest.as_bytes();
        if DAYS.contains(&weekday) && r.len() == 24 && rest.ends_with(" GMT") {
            // IMF-fixdate: `06 Nov 1994 08:49:37 GMT`.
            let off = weekday.len() + 2;
            (r[2] == b' ' && r[6] == b' ' && r[11] == b' ').then_some(())?;
            (
                digits(off + 7..off + 11)?,
                month(off + 3..off + 6)?,
                digits(off..off + 2)?,
                time(off + 12)?,
            )
        } else if LONG_DAYS.contains(&weekday) && r.len() == 22 && rest.ends_with(" GMT") {
            // RFC 850: `06-Nov-94 08:49:37 GMT`.
            let off = weekday.len() + 2;
            (r[2] == b'-' && r[6] == b'-' && r[9] == b' ').then_some(())?;
            let yy = digits(off + 7..off + 9)?;
            let (this_year, _, _) = civil_from_days(now_seconds.div_euclid(86_400));
            let year = this_year - this_year.rem_euclid(100) + yy;
            (
                if year > this_year + 50 {
                    year - 100
                } else {
                    year
                },
                month(off + 3..off + 6)?,
                digits(off..off + 2)?,
                time(off + 10)?,
            )
        } else {
            return None;
        }
    } else {
        // asctime: `Sun Nov  6 08:49:37 1994`.
        (b.len() == 24 && DAYS.contains(&text.get(0..3)?)).then_some(())?;
        (b[3] == b' ' && b[7] == b' ' && b[10] == b' ' && b[19] == b' ').then_some(())?;
        let day = if b[8] == b' ' {
            digits(9..10)?
        } else {
            digits(8..10)?
        };
        (digits(20..24)?, month(4..7)?, day, time(11)?)
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
    Some(days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + s)
}

/// `seconds` since the Unix epoch as an HTTP-date of `form`.
pub fn format_http_date(seconds: i64, form: DateForm) -> String {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    // 1970-01-01 was a Thursday.
    let weekday = (days + 3).rem_euclid(7) as usize;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mon = MONTHS[month as usize - 1];
    match form {
        DateForm::Imf => format!(
            "{}, {day:02} {mon} {year:04} {h:02}:{m:02}:{s:02} GMT",
            DAYS[weekday]
        ),
        DateForm::Rfc850 => format!(
            "{}, {day:02}-{mon}-{:02} {h:02}:{m:02}:{s:02} GMT",
            LONG_DAYS[weekday],
            year % 100
        ),
        DateForm::Asctime => format!(
            "{} {mon} {day:>2} {h:02}:{m:02}:{s:02} {year:04}",
            DAYS[weekday]
        ),
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day since 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::shared::sample;

    const NOW_MS: i64 = 1_704_067_200_000; // 2024-01-01T00:00:00Z

    fn decide_text(status: u16, headers: &[(&str, &str)], body: &str) -> Decision {
        decide(&sample::catalog(), status, headers, body.as_bytes(), NOW_MS)
    }

    #[test]
    fn all_three_date_forms_of_rfc_9110_parse_to_the_same_instant() {
        let expected = Some(784_111_777);
        let now = NOW_MS / 1000;
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT", now),
            expected
        );
        assert_eq!(
            parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT", now),
            expected
        );
        assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994", now), expected);
        for form in DateForm::ALL {
            assert_eq!(
                format_http_date(784_111_777, form).as_str(),
                match form {
                    DateForm::Imf => "Sun, 06 Nov 1994 08:49:37 GMT",
                    DateForm::Rfc850 => "Sunday, 06-Nov-94 08:49:37 GMT",
                    DateForm::Asctime => "Sun Nov  6 08:49:37 1994",
                }
            );
            let now = NOW_MS / 1000;
            assert_eq!(
                parse_http_date(&format_http_date(now, form), now),
                Some(now)
            );
        }
    }

    #[test]
    fn a_two_digit_year_is_the_one_at_most_50_years_ahead() {
        let year_of = |text: &str| {
            let seconds = parse_http_date(text, NOW_MS / 1000).expect(text);
            civil_from_days(seconds.div_euclid(86_400)).0
        };
        // NOW_MS is in 2024: 2074 is 50 years ahead, 2075 more.
        assert_eq!(year_of("Wednesday, 01-Jan-70 00:00:00 GMT"), 2070);
        assert_eq!(year_of("Monday, 01-Jan-74 00:00:00 GMT"), 2074);
        assert_eq!(year_of("Monday, 01-Jan-75 00:00:00 GMT"), 1975);
        assert_eq!(year_of("Sunday, 06-Nov-94 08:49:37 GMT"), 1994);
    }

    #[test]
    fn malformed_dates_are_rejected() {
        for text in [
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 06 Nov 1994 08:49:37",
            "Sun, 31 Feb 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:49:37 GMT",
            "Sunday, 06 Nov 1994 08:49:37 GMT",
            "Sun, 06-Nov-94 08:49:37 GMT",
            "Sun Nov 6 08:49:37 1994",
            "sun, 06 nov 1994 08:49:37 GMT",
            "2024-01-01T00:00:00Z",
            "",
        ] {
            assert_eq!(parse_http_date(text, NOW_MS / 1000), None, "{text}");
        }
    }

    #[test]
    fn retry_after_takes_seconds_and_dates_and_ignores_the_rest() {
        assert_eq!(retry_after_ms("7", NOW_MS), Some(7000));
        assert_eq!(retry_after_ms(" 0\t", NOW_MS), Some(0));
        assert_eq!(retry_after_ms("86400", NOW_MS), Some(86_400_000));
        for ignored in [
            "86401",
            "-1",
            "1.5",
            "+1",
            "soon",
            "",
            "99999999999999999999999",
        ] {
            assert_eq!(retry_after_ms(ignored, NOW_MS), None, "{ignored:?}");
        }
        let in_ten = format_http_date(NOW_MS / 1000 + 10, DateForm::Rfc850);
        assert_eq!(retry_after_ms(&in_ten, NOW_MS), Some(10_000));
        assert_eq!(retry_after_ms(&in_ten, NOW_MS + 500), Some(9_500));
        assert_eq!(retry_after_ms("Sun Nov  6 08:49:37 1994", NOW_MS), Some(0));
        assert_eq!(
            retry_after_ms("Fri, 31 Dec 9999 23:59:59 GMT", NOW_MS),
            None
        );
    }

    #[test]
    fn a_code_sent_with_another_status_keeps_the_family_of_the_status() {
        let body = r#"{"error":{"code":"TOO_MANY_CALLS","message":"slow"}}"#;
        let decision = decide_text(503, &[], body);
        assert_eq!(decision.family_class, "ServerError");
        assert!(!decision.own_class);
        assert_eq!(decision.code.as_deref(), Some("TOO_MANY_CALLS"));
        let decision = decide_text(429, &[("Retry-After", "2")], body);
        assert_eq!(decision.family_class, "RateLimitError");
        assert!(decision.own_class && decision.retryable);
        assert_eq!(decision.retry_after_ms, Some(2000));
    }

    #[test]
    fn messages_fall_back_through_common_shapes_then_the_catalog() {
        assert_eq!(
            decide_text(401, &[], r#"{"error":"Invalid token"}"#).message,
            "Invalid token"
        );
        assert_eq!(
            decide_text(503, &[], r#"{"message":"busy"}"#).message,
            "busy"
        );
        let catalog = sample::catalog();
        let code = &catalog.codes[0];
        let body = format!(r#"{{"error":{{"code":"{}","message":""}}}}"#, code.wire);
        assert_eq!(decide_text(code.status, &[], &body).message, code.message);
        assert_eq!(
            decide_text(429, &[], "<html>").message,
            catalog.status_title(429)
        );
        assert_eq!(decide_text(600, &[], "").message, "HTTP status 600");
    }

    #[test]
    fn unknown_codes_are_raw_only_and_wrong_types_are_ignored() {
        let decision = decide_text(
            400,
            &[("X-REQUEST-ID", "  req_hdr ")],
            r#"{"error":{"code":"NEWER","details":{"field":3,"issue":"x"}},"meta":{"request_id":""}}"#,
        );
        assert_eq!(decision.code, None);
        assert_eq!(decision.raw_code.as_deref(), Some("NEWER"));
        assert_eq!(decision.request_id.as_deref(), Some("req_hdr"));
        assert_eq!(
            decision.details,
            Some(Details {
                field: None,
                issue: Some("x".to_owned())
            })
        );
        let decision = decide_text(400, &[], r#"{"error":{"code":5}}"#);
        assert_eq!((decision.code, decision.raw_code), (None, None));
    }

    #[test]
    fn retryability_never_outside_error_statuses() {
        let body = r#"{"error":{"code":"TOO_MANY_CALLS"}}"#;
        assert!(!decide_text(600, &[], body).retryable);
        assert!(!decide_text(399, &[], "").retryable);
        assert!(decide_text(599, &[], "").retryable);
        assert!(!decide_text(418, &[], "").retryable);
        assert_eq!(decide_text(600, &[], "").family_class, "ApiError");
    }

    #[test]
    fn the_body_is_read_up_to_the_limit() {
        let head = r#"{"error":{"code":"NEWER"}"#;
        let mut body = head.to_owned();
        body.push_str(&" ".repeat(BODY_LIMIT - head.len() - 1));
        body.push('}');
        assert_eq!(body.len(), BODY_LIMIT);
        assert!(decide_text(400, &[], &body).raw_code.is_some());
        body.insert(head.len(), ' ');
        assert!(decide_text(400, &[], &body).raw_code.is_none());
    }
}
