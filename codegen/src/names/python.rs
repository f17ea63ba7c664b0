//! Names in the Python target: `ErrorCode` and `Category` members, the exception class of each
//! code, and the import package.

use heck::ToUpperCamelCase;

use super::{NameSource, Naming};
use crate::rules::{BASE_CLASS, FAMILIES};

const TARGET: &str = "python";

/// The base class of every exception of the Python package: `APIError`, with the acronym in
/// capitals as PEP 8 writes CapWords names (`HTTPServerError`) and as openai-python and httpx
/// users expect. The other targets call it [`BASE_CLASS`] (`ApiError`), which the Python package
/// keeps as an alias of this class, so that code written against earlier versions still runs.
pub const PYTHON_BASE_CLASS: &str = "APIError";

/// The Python name of a class of [`crate::rules`] (the base class or a family class).
pub fn python_class(rules_class: &str) -> &str {
    if rules_class == BASE_CLASS {
        PYTHON_BASE_CLASS
    } else {
        rules_class
    }
}

/// The built-in exceptions whose names end in `Error`, which a per-code exception class must not
/// shadow (`from ai_api_errors import *` would hide them). The package's own classes (`ApiError`
/// and the family classes of [`FAMILIES`]) are reserved too: see [`is_reserved_class_name`].
pub const RESERVED_CLASS_NAMES: &[&str] = &[
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BlockingIOError",
    "BrokenPipeError",
    "BufferError",
    "ChildProcessError",
    "ConnectionAbortedError",
    "ConnectionError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "EnvironmentError",
    "EOFError",
    "FileExistsError",
    "FileNotFoundError",
    "FloatingPointError",
    "ImportError",
    "IndentationError",
    "IndexError",
    "InterruptedError",
    "IOError",
    "IsADirectoryError",
    "KeyError",
    "LookupError",
    "MemoryError",
    "ModuleNotFoundError",
    "NameError",
    "NotADirectoryError",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "PermissionError",
    "ProcessLookupError",
    "PythonFinalizationError",
    "RecursionError",
    "ReferenceError",
    "RuntimeError",
    "SyntaxError",
    "SystemError",
    "TabError",
    "TimeoutError",
    "TypeError",
    "UnboundLocalError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeError",
    "UnicodeTranslateError",
    "ValueError",
    "ZeroDivisionError",
];

/// Identifier conversions of the Python target.
pub const NAMINGS: &[Naming] = &[
    Naming {
        target: TARGET,
        source: NameSource::Code,
        what: "`ErrorCode` member",
        convert: member_name,
        // Codes are uppercase words, so never a keyword (those have lowercase letters) nor an
        // `_sunder_` or `__dunder__` name Enum reserves.
        reserved: &[],
    },
    Naming {
        target: TARGET,
        source: NameSource::Code,
        what: "exception class",
        convert: class_name,
        reserved: RESERVED_CLASS_NAMES,
    },
    Naming {
        target: TARGET,
        source: NameSource::Category,
        what: "`Category` member",
        convert: member_name,
        reserved: &[],
    },
    Naming {
        target: TARGET,
        source: NameSource::Package,
        what: "import package",
        convert: package_name,
        reserved: KEYWORDS,
    },
    Naming {
        target: TARGET,
        source: NameSource::Package,
        what: "import package (a standard-library module name)",
        convert: package_name,
        reserved: STDLIB_MODULES,
    },
];

/// The top-level modules of Python's standard library (`sys.stdlib_module_names` of Python 3.11,
/// with the public ones later versions added): a package imported by one of these names would be
/// shadowed by the standard library or shadow it (`http`, `json`, `typing`), so installing it
/// works and importing it does not.
pub const STDLIB_MODULES: &[&str] = &[
    "abc",
    "aifc",
    "annotationlib",
    "antigravity",
    "argparse",
    "array",
    "ast",
    "asynchat",
    "asyncio",
    "asyncore",
    "atexit",
    "audioop",
    "base64",
    "bdb",
    "binascii",
    "bisect",
    "builtins",
    "bz2",
    "calendar",
    "cgi",
    "cgitb",
    "chunk",
    "cmath",
    "cmd",
    "code",
    "codecs",
    "codeop",
    "collections",
    "colorsys",
    "compileall",
    "compression",
    "concurrent",
    "configparser",
    "contextlib",
    "contextvars",
    "copy",
    "copyreg",
    "crypt",
    "csv",
    "ctypes",
    "curses",
    "dataclasses",
    "datetime",
    "dbm",
    "decimal",
    "difflib",
    "dis",
    "distutils",
    "doctest",
    "email",
    "encodings",
    "ensurepip",
    "enum",
    "errno",
    "faulthandler",
    "fcntl",
    "filecmp",
    "fileinput",
    "fnmatch",
    "fractions",
    "ftplib",
    "functools",
    "gc",
    "genericpath",
    "getopt",
    "getpass",
    "gettext",
    "glob",
    "graphlib",
    "grp",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "idlelib",
    "imaplib",
    "imghdr",
    "imp",
    "importlib",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "keyword",
    "lib2to3",
    "linecache",
    "locale",
    "logging",
    "lzma",
    "mailbox",
    "mailcap",
    "marshal",
    "math",
    "mimetypes",
    "mmap",
    "modulefinder",
    "msilib",
    "msvcrt",
    "multiprocessing",
    "netrc",
    "nis",
    "nntplib",
    "nt",
    "ntpath",
    "nturl2path",
    "numbers",
    "opcode",
    "operator",
    "optparse",
    "os",
    "ossaudiodev",
    "pathlib",
    "pdb",
    "pickle",
    "pickletools",
    "pipes",
    "pkgutil",
    "platform",
    "plistlib",
    "poplib",
    "posix",
    "posixpath",
    "pprint",
    "profile",
    "pstats",
    "pty",
    "pwd",
    "py_compile",
    "pyclbr",
    "pydoc",
    "pydoc_data",
    "pyexpat",
    "queue",
    "quopri",
    "random",
    "re",
    "readline",
    "reprlib",
    "resource",
    "rlcompleter",
    "runpy",
    "sched",
    "secrets",
    "select",
    "selectors",
    "shelve",
    "shlex",
    "shutil",
    "signal",
    "site",
    "smtpd",
    "smtplib",
    "sndhdr",
    "socket",
    "socketserver",
    "spwd",
    "sqlite3",
    "sre_compile",
    "sre_constants",
    "sre_parse",
    "ssl",
    "stat",
    "statistics",
    "string",
    "stringprep",
    "struct",
    "subprocess",
    "sunau",
    "symtable",
    "sys",
    "sysconfig",
    "syslog",
    "tabnanny",
    "tarfile",
    "telnetlib",
    "tempfile",
    "termios",
    "textwrap",
    "this",
    "threading",
    "time",
    "timeit",
    "tkinter",
    "token",
    "tokenize",
    "tomllib",
    "trace",
    "traceback",
    "tracemalloc",
    "tty",
    "turtle",
    "turtledemo",
    "types",
    "typing",
    "unicodedata",
    "unittest",
    "urllib",
    "uu",
    "uuid",
    "venv",
    "warnings",
    "wave",
    "weakref",
    "webbrowser",
    "winreg",
    "winsound",
    "wsgiref",
    "xdrlib",
    "xml",
    "xmlrpc",
    "zipapp",
    "zipfile",
    "zipimport",
    "zlib",
    "zoneinfo",
];

/// The enum member name of a code (`NO_CREDENTIALS`, as it is) or a category
/// (`rate_limit` → `RATE_LIMIT`): validation makes both words of ASCII letters and digits
/// joined by `_`, so uppercasing is all it takes and the member reads like the wire string.
pub fn member_name(name: &str) -> String {
    name.to_ascii_uppercase()
}

/// The exception class of a code: its UpperCamel name without a trailing `Error`, then `Error`
/// (`QUOTA_USED_UP` → `QuotaUsedUpError`, `UPSTREAM_ERROR` → `UpstreamError`, not
/// `UpstreamErrorError`), or that stem and `CodeError` when the name would be the base class, a
/// family class or a built-in exception (`NOT_FOUND` → `NotFoundCodeError`, `CONNECTION_ERROR`
/// → `ConnectionCodeError`), so that every code keeps a class of its own. Two codes that still
/// meet (`UPSTREAM` and `UPSTREAM_ERROR`, `NOT_FOUND` and `NOT_FOUND_CODE`) are a validation
/// error, located at the second.
pub fn class_name(code: &str) -> String {
    let camel = code.to_upper_camel_case();
    let stem = camel
        .strip_suffix("Error")
        .filter(|stem| !stem.is_empty())
        .unwrap_or(&camel);
    let name = format!("{stem}Error");
    if is_reserved_class_name(&name) {
        format!("{stem}CodeError")
    } else {
        name
    }
}

/// A class name a code's class must not take: `APIError` (and its alias `ApiError`), a family
/// class or a built-in exception.
pub fn is_reserved_class_name(name: &str) -> bool {
    name == BASE_CLASS
        || name == PYTHON_BASE_CLASS
        || FAMILIES.iter().any(|(_, family)| *family == name)
        || RESERVED_CLASS_NAMES.contains(&name)
}

/// The import name of a package name (`ai-api-errors` → `ai_api_errors`).
pub fn package_name(name: &str) -> String {
    name.replace('-', "_")
}

/// Python's keywords: no generated identifier may be one.
pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// An ASCII Python identifier that is not a keyword (all the generator produces).
pub fn is_identifier(name: &str) -> bool {
    super::is_ascii_identifier(name) && !KEYWORDS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use heck::ToShoutySnakeCase;

    #[test]
    fn class_and_member_names() {
        assert_eq!(class_name("QUOTA_USED_UP"), "QuotaUsedUpError");
        assert_eq!(class_name("HTTP2_ERROR"), "Http2Error");
        assert_eq!(class_name("UPSTREAM_ERROR"), "UpstreamError");
        assert_eq!(class_name("INVALID_REQUEST_ERROR"), "InvalidRequestError");
        assert_eq!(class_name("ERROR"), "ErrorError");
        assert_eq!(class_name("CONNECTION_ERROR"), "ConnectionCodeError");
        assert_eq!(class_name("SERVER_ERROR"), "ServerCodeError");
        assert_eq!(class_name("API_ERROR"), "ApiCodeError");
        assert_eq!(class_name("A_P_I_ERROR"), "APICodeError");
        assert_eq!(class_name("RATE_LIMIT"), "RateLimitCodeError");
        assert_eq!(class_name("NOT_FOUND"), "NotFoundCodeError");
        assert_eq!(class_name("API"), "ApiCodeError");
        assert_eq!(class_name("TIMEOUT"), "TimeoutCodeError");
        assert_eq!(member_name("NO_CREDENTIALS"), "NO_CREDENTIALS");
        assert_eq!(member_name("rate_limit"), "RATE_LIMIT");
        assert_eq!(member_name("A2"), "A2");
        assert_eq!(member_name("A2B_3C"), "A2B_3C");
        assert_eq!(member_name("HTTP2_ERROR"), "HTTP2_ERROR");
    }

    #[test]
    fn code_classes_start_with_a_capital_letter() {
        // `errors.py` answers a name that starts with `_` (`__path__`) without looking it up.
        for code in [
            "QUOTA_USED_UP",
            "_LEADING",
            "A",
            "HTTP2_ERROR",
            "X_1",
            "ERROR",
        ] {
            let name = class_name(code);
            assert!(
                name.starts_with(|c: char| c.is_ascii_uppercase()),
                "{code} → {name}"
            );
        }
    }

    #[test]
    fn code_classes_never_take_a_family_or_builtin_name() {
        let naming = NAMINGS
            .iter()
            .find(|n| n.what == "exception class")
            .unwrap();
        assert!(is_reserved_class_name("ApiError"));
        assert!(is_reserved_class_name("APIError"));
        assert!(is_reserved_class_name("ValueError"));
        assert!(!is_reserved_class_name("QuotaUsedUpError"));
        // Every family class is reserved, and the code named after it gets a class of its own.
        for (_, family) in FAMILIES {
            assert!(is_reserved_class_name(family), "{family}");
            let code = family.trim_end_matches("Error").to_shouty_snake_case();
            let name = (naming.convert)(&code);
            assert_ne!(&name, family, "{code}");
            assert_eq!(name, format!("{}CodeError", code.to_upper_camel_case()));
        }
        for code in [
            "RATE_LIMIT",
            "SERVER",
            "API",
            "NOT_FOUND",
            "TIMEOUT",
            "CONNECTION",
        ] {
            let name = (naming.convert)(code);
            assert!(!is_reserved_class_name(&name), "{code} → {name}");
            assert!(!naming.reserved.contains(&name.as_str()), "{code} → {name}");
            assert!(name.ends_with("CodeError"), "{code} → {name}");
        }
        // Pairs that meet, which validation rejects.
        for (a, b) in [
            ("NOT_FOUND_CODE", "NOT_FOUND"),
            ("UPSTREAM", "UPSTREAM_ERROR"),
            ("SERVER", "SERVER_ERROR"),
        ] {
            assert_eq!((naming.convert)(a), (naming.convert)(b), "{a} {b}");
        }
    }

    #[test]
    fn standard_library_modules_cannot_name_the_package() {
        let stdlib: Vec<&Naming> = NAMINGS
            .iter()
            .filter(|n| n.reserved == STDLIB_MODULES)
            .collect();
        assert_eq!(stdlib.len(), 1);
        for name in ["http", "json", "typing", "py-compile"] {
            assert!(
                STDLIB_MODULES.contains(&(stdlib[0].convert)(name).as_str()),
                "{name}"
            );
        }
        assert!(!STDLIB_MODULES.contains(&"ai_api_errors"));
        assert_eq!(
            class_name("PYTHON_FINALIZATION"),
            "PythonFinalizationCodeError"
        );
    }

    #[test]
    fn identifiers() {
        assert!(is_identifier("ai_api_errors"));
        assert!(!is_identifier("None"));
        assert!(!is_identifier("a-b"));
    }
}
