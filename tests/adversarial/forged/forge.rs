//! Hostile plugins written against the `pincer:audit` world by hand, the
//! way an attacker would: components whose `info()` and `run()` answers are
//! laid out byte by byte in their memory (canonical ABI), so that every
//! field can hold what no SDK would write — escape sequences, look-alike
//! ids, reserved names, markup, characters XML forbids, `javascript:`
//! links, tens of thousands of declarations, strings that alias one huge
//! region — and components whose shape attacks the host itself: many
//! memories or tables, blocks nested past any compiler's comfort. The
//! e2e tests turn each into a real `.wasm` file with the `wat` crate and
//! run it through the real `pincer` binary.

use std::fmt::Write as _;

/// A severity, as the WIT enum numbers it.
#[derive(Debug, Clone, Copy)]
pub enum Severity {
    Info = 0,
    Warn = 1,
    Critical = 2,
}

/// A string field: its text, or a view of `len` bytes of the shared
/// region (every alias points at the same bytes).
#[derive(Debug, Clone)]
pub enum Text {
    Plain(String),
    Alias(usize),
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::Plain(text.to_owned())
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::Plain(text)
    }
}

/// One declared check.
#[derive(Debug, Clone)]
pub struct Check {
    pub id: Text,
    pub severity: Severity,
    pub title: Text,
    pub description: Text,
    pub remediation: Text,
    pub category: Text,
    pub references: Vec<Text>,
}

impl Check {
    /// A plain check with this id.
    pub fn new(id: &str) -> Check {
        Check {
            id: id.into(),
            severity: Severity::Info,
            title: "Forged check".into(),
            description: "A check declared by a hand-written component.".into(),
            remediation: "None: this is a test plugin.".into(),
            category: "test".into(),
            references: Vec::new(),
        }
    }
}

/// One finding.
#[derive(Debug, Clone)]
pub struct Finding {
    pub check_id: Text,
    pub severity: Severity,
    pub title: Text,
    pub detail: Text,
    pub remediation: Option<Text>,
    pub config_paths: Vec<Text>,
}

impl Finding {
    /// A plain finding of `id`.
    pub fn new(id: &str) -> Finding {
        Finding {
            check_id: id.into(),
            severity: Severity::Warn,
            title: "Forged finding".into(),
            detail: "Reported by a hand-written component.".into(),
            remediation: None,
            config_paths: Vec::new(),
        }
    }
}

/// What the forged plugin says of itself and finds.
#[derive(Debug, Clone)]
pub struct Forged {
    pub name: Text,
    pub version: Text,
    pub description: Text,
    pub checks: Vec<Check>,
    /// `Ok(findings)` or `Err(message)`.
    pub run: Result<Vec<Finding>, Text>,
    /// Bytes of the region aliased strings view.
    pub region: usize,
}

impl Forged {
    /// A plugin named `name` declaring `checks`, finding `findings`.
    pub fn new(name: &str, checks: Vec<Check>, findings: Vec<Finding>) -> Forged {
        Forged {
            name: name.into(),
            version: "6.6.6".into(),
            description: "A hand-written component.".into(),
            checks,
            run: Ok(findings),
            region: 0,
        }
    }

    /// The component's text format.
    pub fn wat(&self) -> String {
        let mut memory = Image::new(self.region);
        let info = memory.plugin_info(self);
        let run = memory.run(&self.run);
        let pages = memory.bytes.len().div_ceil(65_536) + 1;
        let mut wat = String::new();
        let _ = write!(
            wat,
            "(component\n  (core module $m\n    (memory (export \"memory\") {pages})\n"
        );
        wat.push_str(&memory.data_segments());
        let _ = write!(
            wat,
            "    (func (export \"info\") (result i32) (i32.const {info}))\n    \
             (func (export \"run\") (result i32) (i32.const {run})))\n"
        );
        wat.push_str("  (core instance $i (instantiate $m))\n");
        wat.push_str(WORLD_TYPES);
        wat.push_str(
            "  (func $info (result $plugin-info) (canon lift (core func $i \"info\") (memory (core memory $i \"memory\"))))\n  \
             (func $run (result (result (list $finding) (error string))) (canon lift (core func $i \"run\") (memory (core memory $i \"memory\"))))\n  \
             (export \"info\" (func $info))\n  (export \"run\" (func $run)))\n",
        );
        wat
    }
}

/// The world's types, exported so that the functions may name them.
const WORLD_TYPES: &str = r#"  (type $severity' (enum "info" "warn" "critical"))
  (export $severity "severity" (type $severity'))
  (type $check-info' (record (field "id" string) (field "default-severity" $severity) (field "title" string) (field "description" string) (field "remediation" string) (field "category" string) (field "references" (list string))))
  (export $check-info "check-info" (type $check-info'))
  (type $plugin-info' (record (field "name" string) (field "version" string) (field "description" string) (field "checks" (list $check-info))))
  (export $plugin-info "plugin-info" (type $plugin-info'))
  (type $finding' (record (field "check-id" string) (field "severity" $severity) (field "title" string) (field "detail" string) (field "remediation" (option string)) (field "config-paths" (list string))))
  (export $finding "finding" (type $finding'))
"#;

/// Where data starts in the forged memory (a null pointer stays invalid).
const BASE: usize = 1024;

/// The forged memory, laid out as the canonical ABI reads it.
struct Image {
    bytes: Vec<u8>,
    region: (u32, u32),
}

fn u32_of(value: usize) -> u32 {
    u32::try_from(value).expect("a forged memory fits in 4 GiB")
}

impl Image {
    fn new(region: usize) -> Image {
        let mut image = Image {
            bytes: vec![0; BASE],
            region: (0, 0),
        };
        if region > 0 {
            // Zeros are valid UTF-8: left to the memory's own zero pages.
            let at = image.bytes.len();
            image.bytes.resize(at + region, 0);
            image.region = (u32_of(at), u32_of(region));
        }
        image
    }

    fn align(&mut self, to: usize) {
        while !self.bytes.len().is_multiple_of(to) {
            self.bytes.push(0);
        }
    }

    fn string(&mut self, text: &Text) -> (u32, u32) {
        match text {
            Text::Alias(len) => (self.region.0, u32_of(*len).min(self.region.1)),
            Text::Plain(text) => {
                let at = self.bytes.len();
                self.bytes.extend_from_slice(text.as_bytes());
                (u32_of(at), u32_of(text.len()))
            }
        }
    }

    /// Writes `records` (each a list of little-endian words and bytes) as
    /// an array, returning (pointer, count).
    fn array(&mut self, records: Vec<Vec<u8>>) -> (u32, u32) {
        self.align(4);
        let at = self.bytes.len();
        let count = records.len();
        for record in records {
            self.bytes.extend_from_slice(&record);
        }
        (u32_of(at), u32_of(count))
    }

    fn strings(&mut self, texts: &[Text]) -> (u32, u32) {
        let pairs: Vec<Vec<u8>> = texts
            .iter()
            .map(|text| {
                let (ptr, len) = self.string(text);
                words(&[ptr, len])
            })
            .collect();
        self.array(pairs)
    }

    fn check(&mut self, check: &Check) -> Vec<u8> {
        let id = self.string(&check.id);
        let title = self.string(&check.title);
        let description = self.string(&check.description);
        let remediation = self.string(&check.remediation);
        let category = self.string(&check.category);
        let references = self.strings(&check.references);
        let mut record = words(&[id.0, id.1]);
        record.extend_from_slice(&[check.severity as u8, 0, 0, 0]);
        for (ptr, len) in [title, description, remediation, category, references] {
            record.extend_from_slice(&words(&[ptr, len]));
        }
        debug_assert_eq!(record.len(), 52);
        record
    }

    fn plugin_info(&mut self, forged: &Forged) -> u32 {
        let name = self.string(&forged.name);
        let version = self.string(&forged.version);
        let description = self.string(&forged.description);
        let checks: Vec<Vec<u8>> = forged.checks.iter().map(|c| self.check(c)).collect();
        let checks = self.array(checks);
        let record = words(&[
            name.0,
            name.1,
            version.0,
            version.1,
            description.0,
            description.1,
            checks.0,
            checks.1,
        ]);
        self.array(vec![record]).0
    }

    fn finding(&mut self, finding: &Finding) -> Vec<u8> {
        let id = self.string(&finding.check_id);
        let title = self.string(&finding.title);
        let detail = self.string(&finding.detail);
        let remediation = finding.remediation.as_ref().map(|r| self.string(r));
        let paths = self.strings(&finding.config_paths);
        let mut record = words(&[id.0, id.1]);
        record.extend_from_slice(&[finding.severity as u8, 0, 0, 0]);
        record.extend_from_slice(&words(&[title.0, title.1, detail.0, detail.1]));
        match remediation {
            Some((ptr, len)) => {
                record.extend_from_slice(&[1, 0, 0, 0]);
                record.extend_from_slice(&words(&[ptr, len]));
            }
            None => record.extend_from_slice(&[0; 12]),
        }
        record.extend_from_slice(&words(&[paths.0, paths.1]));
        debug_assert_eq!(record.len(), 48);
        record
    }

    fn run(&mut self, run: &Result<Vec<Finding>, Text>) -> u32 {
        let record = match run {
            Ok(findings) => {
                let records: Vec<Vec<u8>> = findings.iter().map(|f| self.finding(f)).collect();
                let (ptr, len) = self.array(records);
                let mut record = vec![0, 0, 0, 0];
                record.extend_from_slice(&words(&[ptr, len]));
                record
            }
            Err(message) => {
                let (ptr, len) = self.string(message);
                let mut record = vec![1, 0, 0, 0];
                record.extend_from_slice(&words(&[ptr, len]));
                record
            }
        };
        self.array(vec![record]).0
    }

    /// The data segments of everything written past the region (which
    /// stays zero).
    fn data_segments(&self) -> String {
        let start = if self.region.1 > 0 {
            (self.region.0 + self.region.1) as usize
        } else {
            BASE
        };
        let mut out = format!("    (data (i32.const {start}) \"");
        for byte in &self.bytes[start..] {
            let _ = write!(out, "\\{byte:02x}");
        }
        out.push_str("\")\n");
        out
    }
}

fn words(values: &[u32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// A component of `count` core instances, each with a memory of `pages`
/// pages it fills at start (so the host really holds the bytes), besides a
/// well-behaved plugin that declares `plugin`'s checks.
pub fn many_memories(plugin: &Forged, count: usize, pages: u32) -> String {
    let mut wat = plugin.wat();
    let hog = format!(
        "  (core module $hog (memory {pages}) \
         (func $fill (memory.fill (i32.const 0) (i32.const 165) (i32.const {bytes}))) (start $fill))\n",
        bytes = u64::from(pages) * 65_536 - 1
    );
    let mut extra = hog;
    for index in 0..count {
        let _ = writeln!(extra, "  (core instance $hog{index} (instantiate $hog))");
    }
    insert_after_instance(&mut wat, &extra);
    wat
}

/// A component of `count` core instances each with a table of `elements`
/// elements, besides a well-behaved plugin.
pub fn many_tables(plugin: &Forged, count: usize, elements: u32) -> String {
    let mut wat = plugin.wat();
    let mut extra = format!("  (core module $tables (table {elements} funcref))\n");
    for index in 0..count {
        let _ = writeln!(
            extra,
            "  (core instance $table{index} (instantiate $tables))"
        );
    }
    insert_after_instance(&mut wat, &extra);
    wat
}

/// A well-behaved plugin whose component also holds a core module with
/// one function whose blocks nest `depth` deep.
pub fn nested_blocks(plugin: &Forged, depth: usize) -> String {
    let mut wat = plugin.wat();
    let mut body = String::with_capacity(depth * 12);
    for _ in 0..depth {
        body.push_str("block ");
    }
    for _ in 0..depth {
        body.push_str("end ");
    }
    let module = format!(
        "  (core module $bomb (func {body}))\n  (core instance $bomb (instantiate $bomb))\n"
    );
    insert_after_instance(&mut wat, &module);
    wat
}

/// A well-behaved plugin whose component also holds one function of about
/// `bytes` bytes of straight-line code.
pub fn huge_function(plugin: &Forged, bytes: usize) -> String {
    let mut wat = plugin.wat();
    let ops = bytes / 3;
    let mut body = String::with_capacity(ops * 16);
    for _ in 0..ops {
        body.push_str("i32.const 1 drop ");
    }
    let module = format!("  (core module $huge (func {body}))\n");
    insert_after_instance(&mut wat, &module);
    wat
}

fn insert_after_instance(wat: &mut String, extra: &str) {
    let marker = "  (core instance $i (instantiate $m))\n";
    let at = wat
        .find(marker)
        .expect("the forged component instantiates its module")
        + marker.len();
    wat.insert_str(at, extra);
}
