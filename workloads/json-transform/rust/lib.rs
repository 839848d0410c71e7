//! json-transform in Rust (std only, no serde): parse the order batch, keep
//! the paid orders, aggregate per region, write the summary exactly as
//! node.ts's JSON.stringify does. Strings stay UTF-16 code units from parse
//! to output, as JavaScript's do, so escapes, surrogate pairs and lone
//! surrogates, comparisons (code-unit order) and the writer's escaping all
//! agree with node.ts byte for byte.
#[path = "../../../wasm/rust/abi.rs"]
mod abi;
use std::collections::HashMap;

type Text = Vec<u16>;

enum Json {
    Null,
    Bool,
    Num(f64),
    Str(Text),
    Arr(Vec<Json>),
    Obj(Vec<(Text, Json)>),
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Parser<'a> {
    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }
    fn expect(&mut self, b: u8) {
        assert!(self.i < self.s.len() && self.s[self.i] == b, "JSON: unexpected character");
        self.i += 1;
    }
    fn value(&mut self) -> Json {
        self.ws();
        assert!(self.i < self.s.len(), "JSON: unexpected end");
        match self.s[self.i] {
            b'{' => {
                self.i += 1;
                let mut fields = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b'}') {
                    self.i += 1;
                    return Json::Obj(fields);
                }
                loop {
                    self.ws();
                    let key = self.string();
                    self.ws();
                    self.expect(b':');
                    let v = self.value();
                    // JSON.parse keeps the last of duplicate keys.
                    fields.retain(|(k, _): &(Text, Json)| *k != key);
                    fields.push((key, v));
                    self.ws();
                    if self.s.get(self.i) == Some(&b',') { self.i += 1; continue; }
                    self.expect(b'}');
                    return Json::Obj(fields);
                }
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Json::Arr(items);
                }
                loop {
                    items.push(self.value());
                    self.ws();
                    if self.s.get(self.i) == Some(&b',') { self.i += 1; continue; }
                    self.expect(b']');
                    return Json::Arr(items);
                }
            }
            b'"' => Json::Str(self.string()),
            b't' => self.word(b"true", Json::Bool),
            b'f' => self.word(b"false", Json::Bool),
            b'n' => self.word(b"null", Json::Null),
            _ => self.number(),
        }
    }
    fn word(&mut self, w: &[u8], v: Json) -> Json {
        assert!(self.s[self.i..].starts_with(w), "JSON: unexpected literal");
        self.i += w.len();
        v
    }
    fn number(&mut self) -> Json {
        let start = self.i;
        if self.s.get(self.i) == Some(&b'-') { self.i += 1; }
        let digits = |p: &mut Self| { let d = p.i; while p.i < p.s.len() && p.s[p.i].is_ascii_digit() { p.i += 1; } p.i - d };
        let int = digits(self);
        assert!(int > 0 && !(int > 1 && self.s[self.i - int] == b'0'), "JSON: invalid number");
        if self.s.get(self.i) == Some(&b'.') { self.i += 1; assert!(digits(self) > 0, "JSON: invalid fraction"); }
        if matches!(self.s.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.s.get(self.i), Some(b'+' | b'-')) { self.i += 1; }
            assert!(digits(self) > 0, "JSON: invalid exponent");
        }
        // Rust's parser rounds correctly, as JSON.parse does.
        Json::Num(std::str::from_utf8(&self.s[start..self.i]).unwrap().parse().unwrap())
    }
    fn hex4(&mut self) -> u16 {
        assert!(self.i + 4 <= self.s.len(), "JSON: truncated \\u escape");
        let text = std::str::from_utf8(&self.s[self.i..self.i + 4]).expect("JSON: invalid \\u escape");
        self.i += 4;
        u16::from_str_radix(text, 16).expect("JSON: invalid hex digit in \\u escape")
    }
    fn string(&mut self) -> Text {
        self.expect(b'"');
        let mut out = Vec::new();
        loop {
            assert!(self.i < self.s.len(), "JSON: unterminated string");
            let b = self.s[self.i];
            match b {
                b'"' => { self.i += 1; return out; }
                b'\\' => {
                    let e = *self.s.get(self.i + 1).expect("JSON: unterminated string");
                    self.i += 2;
                    out.push(match e {
                        b'"' => 0x22, b'\\' => 0x5c, b'/' => 0x2f, b'b' => 0x08, b'f' => 0x0c,
                        b'n' => 0x0a, b'r' => 0x0d, b't' => 0x09,
                        b'u' => self.hex4(),
                        _ => panic!("JSON: invalid escape"),
                    });
                }
                0..=0x1f => panic!("JSON: control character in string"),
                _ => {
                    // One whole UTF-8 character (the host encodes valid UTF-8) to UTF-16.
                    let n = if b < 0x80 { 1 } else if b < 0xe0 { 2 } else if b < 0xf0 { 3 } else { 4 };
                    let ch = std::str::from_utf8(&self.s[self.i..self.i + n]).expect("JSON: invalid UTF-8");
                    let mut units = [0u16; 2];
                    out.extend_from_slice(ch.chars().next().unwrap().encode_utf16(&mut units));
                    self.i += n;
                }
            }
        }
    }
}

fn get<'j>(obj: &'j Json, key: &str) -> &'j Json {
    let key: Text = key.encode_utf16().collect();
    match obj {
        Json::Obj(fields) => fields.iter().find(|(k, _)| *k == key).map(|(_, v)| v).expect("json-transform: missing field"),
        _ => panic!("json-transform: expected an object"),
    }
}
fn text(v: &Json) -> &Text { match v { Json::Str(t) => t, _ => panic!("json-transform: expected a string") } }
fn num(v: &Json) -> f64 { match v { Json::Num(n) => *n, _ => panic!("json-transform: expected a number") } }
fn arr(v: &Json) -> &Vec<Json> { match v { Json::Arr(a) => a, _ => panic!("json-transform: expected an array") } }

/// JSON.stringify's string quoting (ECMA-262 QuoteJSONString) from UTF-16 to UTF-8.
fn write_text(out: &mut Vec<u8>, t: &[u16]) {
    out.push(b'"');
    let mut i = 0;
    while i < t.len() {
        let c = t[i];
        match c {
            0x22 => out.extend_from_slice(b"\\\""),
            0x5c => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            0x0a => out.extend_from_slice(b"\\n"),
            0x0d => out.extend_from_slice(b"\\r"),
            0x09 => out.extend_from_slice(b"\\t"),
            0..=0x1f => out.extend_from_slice(format!("\\u{:04x}", c).as_bytes()),
            0xd800..=0xdbff if i + 1 < t.len() && (0xdc00..=0xdfff).contains(&t[i + 1]) => {
                let cp = 0x10000 + (((c as u32) - 0xd800) << 10) + (t[i + 1] as u32 - 0xdc00);
                let mut buf = [0u8; 4];
                out.extend_from_slice(char::from_u32(cp).unwrap().encode_utf8(&mut buf).as_bytes());
                i += 1;
            }
            0xd800..=0xdfff => out.extend_from_slice(format!("\\u{:04x}", c).as_bytes()),
            _ => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(char::from_u32(c as u32).unwrap().encode_utf8(&mut buf).as_bytes());
            }
        }
        i += 1;
    }
    out.push(b'"');
}

/// Integers as JSON.stringify writes them (every number of the output contract is an integer).
fn write_num(out: &mut Vec<u8>, n: f64) {
    assert!(n.fract() == 0.0 && n.abs() < 1e21, "json-transform: non-integer in the output");
    out.extend_from_slice(format!("{}", n as i64).as_bytes());
}

struct Group { orders: f64, units: f64, total: f64, max_order: f64, customers: Vec<(Text, Text, f64)>, customer_index: HashMap<Text, usize>, tags: Vec<(Text, f64)>, tag_index: HashMap<Text, usize> }

fn workload(input: &[u8]) -> Vec<u8> {
    let mut parser = Parser { s: input, i: 0 };
    let event = parser.value();
    parser.ws();
    assert!(parser.i == input.len(), "JSON: trailing characters");
    let records = arr(get(&event, "records"));
    let mut groups: Vec<(Text, Group)> = Vec::new();
    let (mut paid, mut total_cents) = (0f64, 0f64);
    let paid_word: Text = "paid".encode_utf16().collect();
    for order in records {
        if *text(get(order, "status")) != paid_word { continue; }
        let (mut units, mut cents) = (0f64, 0f64);
        for item in arr(get(order, "items")) {
            let qty = num(get(item, "qty"));
            units += qty;
            cents += qty * num(get(item, "unitCents"));
        }
        paid += 1.0;
        total_cents += cents;
        let region = text(get(order, "region"));
        let g = match groups.iter().position(|(r, _)| r == region) {
            Some(k) => &mut groups[k].1,
            None => {
                groups.push((region.clone(), Group { orders: 0.0, units: 0.0, total: 0.0, max_order: 0.0, customers: Vec::new(), customer_index: HashMap::new(), tags: Vec::new(), tag_index: HashMap::new() }));
                &mut groups.last_mut().unwrap().1
            }
        };
        g.orders += 1.0;
        g.units += units;
        g.total += cents;
        g.max_order = g.max_order.max(cents);
        let customer = get(order, "customer");
        let id = text(get(customer, "id"));
        match g.customer_index.get(id) {
            Some(&k) => g.customers[k].2 += cents,
            None => { g.customer_index.insert(id.clone(), g.customers.len()); g.customers.push((id.clone(), text(get(customer, "name")).clone(), cents)); }
        }
        for tag in arr(get(order, "tags")) {
            let tag = text(tag);
            match g.tag_index.get(tag) {
                Some(&k) => g.tags[k].1 += 1.0,
                None => { g.tag_index.insert(tag.clone(), g.tags.len()); g.tags.push((tag.clone(), 1.0)); }
            }
        }
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = Vec::with_capacity(1024);
    out.extend_from_slice(b"{\"source\":");
    write_text(&mut out, text(get(&event, "source")));
    out.extend_from_slice(b",\"batchId\":");
    write_text(&mut out, text(get(&event, "batchId")));
    out.extend_from_slice(b",\"records\":");
    write_num(&mut out, records.len() as f64);
    out.extend_from_slice(b",\"paid\":");
    write_num(&mut out, paid);
    out.extend_from_slice(b",\"totalCents\":");
    write_num(&mut out, total_cents);
    out.extend_from_slice(b",\"regions\":[");
    for (k, (region, g)) in groups.iter_mut().enumerate() {
        if k > 0 { out.push(b','); }
        out.extend_from_slice(b"{\"region\":");
        write_text(&mut out, region);
        for (key, v) in [("orders", g.orders), ("units", g.units), ("totalCents", g.total), ("maxOrderCents", g.max_order), ("distinctCustomers", g.customers.len() as f64)] {
            out.extend_from_slice(format!(",\"{}\":", key).as_bytes());
            write_num(&mut out, v);
        }
        // The customer with the largest total; ties go to the smaller id (code-unit order).
        let top = g.customers.iter().fold(None, |best: Option<&(Text, Text, f64)>, c| match best {
            Some(b) if !(c.2 > b.2 || (c.2 == b.2 && c.0 < b.0)) => Some(b),
            _ => Some(c),
        }).unwrap();
        out.extend_from_slice(b",\"topCustomer\":{\"id\":");
        write_text(&mut out, &top.0);
        out.extend_from_slice(b",\"name\":");
        write_text(&mut out, &top.1);
        out.extend_from_slice(b",\"totalCents\":");
        write_num(&mut out, top.2);
        out.extend_from_slice(b"},\"topTags\":[");
        g.tags.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap().then_with(|| a.0.cmp(&b.0)));
        for (t, (tag, count)) in g.tags.iter().take(3).enumerate() {
            if t > 0 { out.push(b','); }
            out.extend_from_slice(b"{\"tag\":");
            write_text(&mut out, tag);
            out.extend_from_slice(b",\"count\":");
            write_num(&mut out, *count);
            out.push(b'}');
        }
        out.extend_from_slice(b"]}");
    }
    out.extend_from_slice(b"]}");
    out
}
