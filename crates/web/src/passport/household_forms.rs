//! What the family's support page and its allowance page share: each form
//! posts to its page with its name (`form`) and the record's version; the
//! page's parser reads it into the use case's action, the use case records
//! it, and the page is shown again (a redirect) or its refusal is shown
//! beside the form's first field.

use app::passport::ledger::By;
use app::{AppError, Store};
use axum::response::{IntoResponse, Redirect, Response};

use crate::handler::{Caller, Fields};
use crate::ui::FieldError;

/// A page's use case: the household's record at the version seen, and the
/// action the form asks.
pub(crate) type Act<A> = fn(&Store, By<'_>, (&str, i64), A) -> Result<String, AppError>;

/// Records the form posted to `/households/{id}/{page}`: `forms` names each
/// form and the field its errors point to, `parse` reads the form into
/// `act`'s action. Answers the redirect to the page, the errors to show
/// beside the form (`Ok(Err)`), or the refusal's own page (`Err`).
pub(crate) async fn post_household_form<A: Send + 'static>(
    caller: &Caller,
    (id, page): (&str, &str),
    fields: &Fields,
    forms: &[(&str, &'static str)],
    parse: impl FnOnce(&str, &Fields, chrono::NaiveDate) -> Result<A, String>,
    act: Act<A>,
) -> Result<Result<Response, Vec<FieldError>>, Response> {
    let name = fields.get("form");
    let Some(&(_, first)) = forms.iter().find(|(f, _)| *f == name) else {
        let e = AppError::Invalid("the form was not recognised: go back and try again".into());
        return Err(caller.error_page(&e));
    };
    let result = match parse(&name, fields, caller.today()) {
        Ok(action) => {
            let version = fields.version();
            let hid = id.to_owned();
            caller
                .run(move |c| {
                    act(
                        &c.store,
                        (c.user(), c.clock(), &c.from),
                        (&hid, version),
                        action,
                    )
                })
                .await
        }
        Err(message) => Err(AppError::Invalid(message)),
    };
    match result {
        Ok(_) => Ok(Ok(
            Redirect::to(&format!("/households/{id}/{page}")).into_response()
        )),
        Err(e) => caller.form_errors(&e, first).map(Err),
    }
}
