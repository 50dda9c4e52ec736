//! Forms described as tables, for the records whose changes the domain
//! reads from named fields (a care leaver's record, the education record,
//! the health support record): each form posts `change` (its code) and the
//! record's version; a refusal `name: problem` is shown beside that field.

use crate::handler::{Caller, Fields};
use crate::ui::{
    Chrome, FieldError, FieldSpec, FormSpec, Part, RecordPage, button_form, field, form_date, part,
};

/// A field of a table-described form; `id` is `form-name` (the error's key).
pub(crate) struct FieldDef {
    pub name: &'static str,
    pub id: &'static str,
    pub label: &'static str,
    pub kind: &'static str,
    pub options: &'static [(&'static str, &'static str)],
}

/// A form: its change's code, legend and fields.
pub(crate) struct FormDef {
    pub code: &'static str,
    pub legend: &'static str,
    pub fields: &'static [FieldDef],
}

/// A field of form `$form`: `fd!("review", "date", "Date", "date")`, with
/// options for a select.
macro_rules! fd {
    ($form:literal, $name:literal, $label:literal, $kind:literal) => {
        $crate::leavers::forms::FieldDef {
            name: $name,
            id: concat!($form, "-", $name),
            label: $label,
            kind: $kind,
            options: &[],
        }
    };
    ($form:literal, $name:literal, $label:literal, $kind:literal, $options:expr) => {
        $crate::leavers::forms::FieldDef {
            name: $name,
            id: concat!($form, "-", $name),
            label: $label,
            kind: $kind,
            options: $options,
        }
    };
}
pub(crate) use fd;

/// Answers to yes-or-no selects.
pub(crate) const YES_NO: &[(&str, &str)] = &[("yes", "Yes"), ("no", "No")];

/// The kind of a date field (filled with today until typed).
const DATE_KINDS: &str = "date";

/// The forms of a page and which of them a user may use.
type FormsAllowed<'a> = (&'a [FormDef], &'a dyn Fn(&str) -> bool);

/// The forms a user may use, each posting to `action` at `version`; a
/// form typed with errors keeps what was typed.
pub(crate) fn forms_part(
    caller: &Caller,
    (defs, allowed): FormsAllowed<'_>,
    (action, version): (&str, i64),
    typed: Option<&Fields>,
) -> Part {
    let mut p = part("record", "Record");
    let today = form_date(Some(caller.today()));
    for (i, def) in defs.iter().filter(|d| allowed(d.code)).enumerate() {
        let mut f: FormSpec = button_form(
            def.code,
            action,
            def.legend,
            vec![
                ("change", def.code.to_owned()),
                ("version", version.to_string()),
            ],
        );
        f.legend = Some(def.legend.to_owned());
        f.secondary = i > 0;
        let mine = typed.filter(|t| t.get("change") == def.code);
        f.fields = def
            .fields
            .iter()
            .map(|fd| {
                let value = mine.map_or_else(
                    || {
                        if fd.kind == DATE_KINDS {
                            today.clone()
                        } else {
                            String::new()
                        }
                    },
                    |t| t.get(fd.name),
                );
                FieldSpec {
                    options: fd
                        .options
                        .iter()
                        .map(|(c, l)| ((*c).to_owned(), (*l).to_owned()))
                        .collect(),
                    ..field(fd.name, fd.label, fd.kind, value)
                }
            })
            .collect();
        p.forms.push(f);
    }
    p
}

/// A child's record page of table-described forms, as each such page is
/// built: its `sections`, then the forms the user may use when their role
/// records activities (posting to `/children/{child}/{path}`), then
/// `after`, with the way back to the child.
pub(crate) struct ChildRecord<'a> {
    pub child: &'a domain::child::ChildId,
    pub name: String,
    /// The page's title and the navigation's area.
    pub title: (&'a str, &'a str),
    pub path: &'a str,
    pub forms: FormsAllowed<'a>,
    pub version: i64,
    pub sections: Vec<Part>,
    pub after: Vec<Part>,
    pub notices: Vec<String>,
}

impl ChildRecord<'_> {
    /// The page, a form typed with errors keeping what was typed.
    pub(crate) fn respond(
        self,
        caller: &Caller,
        typed: Option<&Fields>,
        (errors, success): (Vec<FieldError>, Option<String>),
    ) -> axum::response::Response {
        let mut sections = self.sections;
        if caller
            .user()
            .may(domain::access::Permission::RecordActivities)
        {
            let action = format!("/children/{}/{}", self.child, self.path);
            sections.push(forms_part(
                caller,
                self.forms,
                (&action, self.version),
                typed,
            ));
        }
        sections.extend(self.after);
        let (title, active) = self.title;
        RecordPage {
            back: Some((
                format!("/children/{}", self.child),
                format!("Back to {}", self.name),
            )),
            caption: Some(self.name),
            notices: self.notices,
            errors,
            success,
            sections,
            ..RecordPage::new(Chrome::new(title, Some(&caller.signed), active))
        }
        .respond()
    }
}

/// The form's fields as the domain reads them: a date typed as 27/3/2026
/// as ISO text.
pub(crate) fn values(fields: &Fields) -> std::collections::HashMap<String, String> {
    fields
        .0
        .keys()
        .map(|k| {
            let v = fields.get(k);
            let v = crate::ui::parse_date(&v).map_or(v, |d| d.to_string());
            (k.clone(), v)
        })
        .collect()
}

/// A refusal `name: problem` beside its field of the posted form (or the
/// form's first field, when the name is not one of its fields).
pub(crate) fn error_beside(defs: &[FormDef], code: &str, message: &str) -> Vec<FieldError> {
    let Some(def) = defs.iter().find(|d| d.code == code) else {
        // No form of this page sent it: said at the page's forms.
        return vec![FieldError {
            field: "record",
            message: message.to_owned(),
        }];
    };
    let (name, problem) = message.split_once(": ").unwrap_or(("", message));
    let at = def
        .fields
        .iter()
        .find(|f| f.name == name)
        .or(def.fields.first())
        .map_or("", |f| f.id);
    let problem = if def.fields.iter().any(|f| f.name == name) {
        problem
    } else {
        message
    };
    vec![FieldError {
        field: at,
        message: problem.to_owned(),
    }]
}

/// What a failed change shows: the refusal's own page, or its error beside
/// the field.
pub(crate) fn failure(
    caller: &Caller,
    defs: &[FormDef],
    code: &str,
    e: &app::AppError,
) -> Result<Vec<FieldError>, axum::response::Response> {
    match (caller.refusal(e), e) {
        (Some(page), _) => Err(page),
        (None, app::AppError::Invalid(m)) => Ok(error_beside(defs, code, m)),
        (None, other) => Ok(error_beside(defs, code, &format!("version: {other}"))),
    }
}

/// What a posted change came to: the page shown again with its errors
/// beside their fields (keeping what was typed), or with what was saved.
pub(crate) struct Outcome {
    pub errors: Vec<FieldError>,
    pub success: Option<String>,
}

impl Outcome {
    /// The form as typed, when it is shown again with its errors.
    pub(crate) fn typed<'a>(&self, fields: &'a Fields) -> Option<&'a Fields> {
        (!self.errors.is_empty()).then_some(fields)
    }

    /// The errors and the success line, as the pages' `show` takes them.
    pub(crate) fn messages(self) -> (Vec<FieldError>, Option<String>) {
        (self.errors, self.success)
    }
}

/// Posts a change of a page of table-described forms: `parse` reads the
/// change from the form's named fields (its code, the fields, today), or
/// refuses with `name: problem`; `apply` makes it through its use case at
/// the version the form carried. A refusal is shown beside its field of
/// the form `code` names; a refusal of access is its own page.
pub(crate) async fn post_change<C: Send + 'static>(
    caller: &Caller,
    fields: &Fields,
    defs: &[FormDef],
    parse: impl FnOnce(&str, &dyn Fn(&str) -> String, chrono::NaiveDate) -> Result<C, String>,
    apply: impl FnOnce(&Caller, C, i64) -> Result<i64, app::AppError> + Send + 'static,
) -> Result<Outcome, axum::response::Response> {
    let code = fields.get("change");
    let typed = values(fields);
    let get = |n: &str| typed.get(n).cloned().unwrap_or_default();
    let change = match parse(&code, &get, caller.today()) {
        Ok(c) => c,
        Err(m) => {
            return Ok(Outcome {
                errors: error_beside(defs, &code, &m),
                success: None,
            });
        }
    };
    let version = fields.version();
    match caller.run(move |c| apply(c, change, version)).await {
        Ok(_) => {
            let legend = defs
                .iter()
                .find(|d| d.code == code)
                .map_or("change", |d| d.legend);
            Ok(Outcome {
                errors: Vec::new(),
                success: Some(format!("Saved: {}.", legend.to_lowercase())),
            })
        }
        Err(e) => Ok(Outcome {
            errors: failure(caller, defs, &code, &e)?,
            success: None,
        }),
    }
}

/// A child's record page of table-described forms and the handler of its
/// posts, for a module with `show(caller, child, typed, (errors,
/// success))`: `$forms` the forms, `$parse` reading a change
/// (`Change::parse`), `$change` its use case (`app::…::change_…(store,
/// user, clock, (child, version), change, from)`).
macro_rules! child_record_handlers {
    ($page:ident, $post:ident, $forms:expr, $parse:path, $change:path) => {
        /// The child's page of this record.
        pub(crate) async fn $page(
            caller: $crate::handler::Caller,
            axum::extract::Path(id): axum::extract::Path<String>,
        ) -> $crate::handler::Page {
            let child = $crate::handler::child_of(&caller, &id)?;
            show(&caller, child, None, (Vec::new(), None)).await
        }

        /// Records a change to this record of the child.
        pub(crate) async fn $post(
            caller: $crate::handler::Caller,
            axum::extract::Path(id): axum::extract::Path<String>,
            fields: $crate::handler::Fields,
        ) -> $crate::handler::Page {
            let child = $crate::handler::child_of(&caller, &id)?;
            let target = child.clone();
            let done = $crate::leavers::forms::post_change(
                &caller,
                &fields,
                $forms,
                |code, get, today| $parse(code, get, today),
                move |c, change, version| {
                    $change(
                        &c.store,
                        c.user(),
                        c.clock(),
                        (&target, version),
                        change,
                        &c.from,
                    )
                },
            )
            .await?;
            show(&caller, child, done.typed(&fields), done.messages()).await
        }
    };
}
pub(crate) use child_record_handlers;
