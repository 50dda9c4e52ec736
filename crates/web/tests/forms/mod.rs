//! The forms of a page as a browser sees them, for tests that submit what a
//! page offers: each form's action and its fields with their values.

/// A form on a page: where it posts, its id (from its submit button) and
/// its fields as a browser would send them untouched.
#[derive(Debug, Clone)]
pub struct HtmlForm {
    pub action: String,
    pub id: String,
    pub fields: Vec<(String, String)>,
}

impl HtmlForm {
    /// The form's fields as a urlencoded body, `fill` giving a value to each
    /// field left empty (return an empty string to leave it so).
    pub fn body(&self, fill: impl Fn(&str) -> String) -> String {
        self.fields
            .iter()
            .map(|(name, value)| {
                let value = if value.is_empty() {
                    fill(name)
                } else {
                    value.clone()
                };
                format!("{}={}", encode(name), encode(&value))
            })
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// The post forms of a page, in page order.
pub fn post_forms(html: &str) -> Vec<HtmlForm> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<form method=\"post\"") {
        let end = rest[start..]
            .find("</form>")
            .map_or(rest.len(), |e| start + e);
        let form = &rest[start..end];
        out.push(HtmlForm {
            action: attribute(form, "action").unwrap_or_default(),
            id: submit_id(form),
            fields: fields(form),
        });
        rest = &rest[end..];
    }
    out
}

fn submit_id(form: &str) -> String {
    form.split("<button")
        .nth(1)
        .and_then(|b| attribute(b, "id"))
        .map(|id| id.trim_end_matches("-submit").to_owned())
        .unwrap_or_default()
}

/// The fields of a form: inputs (hidden, text, checked checkboxes and
/// radios), the selected option of each select, and each textarea's text.
fn fields(form: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    // Radio groups with nothing chosen: sent empty, for the test to fill.
    let mut unanswered: Vec<String> = Vec::new();
    for tag in form.split('<').skip(1) {
        let Some(name) = attribute(tag, "name") else {
            continue;
        };
        if tag.starts_with("input") {
            let kind = attribute(tag, "type").unwrap_or_default();
            let checked = tag.contains(" checked");
            if kind == "radio" && !checked {
                if !unanswered.contains(&name) {
                    unanswered.push(name);
                }
                continue;
            }
            if kind == "checkbox" && !checked {
                continue;
            }
            out.push((name, unescape(&attribute(tag, "value").unwrap_or_default())));
        } else if tag.starts_with("textarea") {
            let text = tag.split_once('>').map_or("", |(_, t)| t);
            out.push((name, unescape(text)));
        } else if tag.starts_with("select") {
            let select_end = form
                .find(&format!("name=\"{name}\""))
                .map_or(form.len(), |i| i);
            let options = &form[select_end..];
            let options = &options[..options.find("</select>").unwrap_or(options.len())];
            out.push((name, selected(options)));
        }
    }
    for name in unanswered {
        if !out.iter().any(|(n, _)| *n == name) {
            out.push((name, String::new()));
        }
    }
    out
}

/// The option a select sends: the selected one, else the first with a value.
fn selected(options: &str) -> String {
    let values: Vec<(String, bool)> = options
        .split("<option")
        .skip(1)
        .map(|o| {
            (
                unescape(&attribute(o, "value").unwrap_or_default()),
                o.split_once('>')
                    .is_some_and(|(a, _)| a.contains(" selected")),
            )
        })
        .collect();
    values
        .iter()
        .find(|(_, s)| *s)
        .or_else(|| values.iter().find(|(v, _)| !v.is_empty()))
        .map(|(v, _)| v.clone())
        .unwrap_or_default()
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let head = tag.split_once('>').map_or(tag, |(h, _)| h);
    let marker = format!(" {name}=\"");
    let start = head.find(&marker)? + marker.len();
    Some(head[start..].split('"').next()?.to_owned())
}

fn unescape(text: &str) -> String {
    text.replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Percent-encodes a form value.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
