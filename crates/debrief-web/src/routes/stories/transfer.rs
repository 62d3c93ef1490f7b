//! Reading what the import form sent: a file upload (multipart) or pasted text, and the
//! format asked for.

use axum::Form;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;
use debrief_coach::story::ImportError;

use crate::AppState;
use crate::params::Params;

/// What the import form sent.
#[derive(Default)]
pub(crate) struct ImportInput {
    /// `json`, `markdown`, `csv`, `auto` or empty (lowercased).
    pub format: String,
    /// The uploaded file's name, to guess its format and name it in errors.
    pub file_name: String,
    /// The uploaded file's bytes; empty when no file was chosen.
    pub file: Vec<u8>,
    /// The pasted text.
    pub text: String,
}

pub(crate) async fn read_import(state: &AppState, request: Request) -> Result<ImportInput, String> {
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let mut input = ImportInput::default();
    if multipart {
        let mut parts = Multipart::from_request(request, state)
            .await
            .map_err(|e| format!("The upload could not be read ({}).", e.body_text()))?;
        loop {
            let field = match parts.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) => {
                    return Err(format!(
                        "The upload could not be read ({}). The limit is 8 MB.",
                        e.body_text()
                    ));
                }
            };
            let name = field.name().unwrap_or_default().to_owned();
            match name.as_str() {
                "file" => {
                    input.file_name = field.file_name().unwrap_or_default().to_owned();
                    input.file = field
                        .bytes()
                        .await
                        .map_err(|e| format!("The file could not be read ({}).", e.body_text()))?
                        .to_vec();
                }
                "format" | "text" => {
                    let value = field
                        .text()
                        .await
                        .map_err(|e| format!("The form could not be read ({}).", e.body_text()))?;
                    if name == "format" {
                        input.format = value.trim().to_ascii_lowercase();
                    } else {
                        input.text = value;
                    }
                }
                _ => {}
            }
        }
    } else {
        let Form(params) = Form::<Params>::from_request(request, state)
            .await
            .map_err(|e| format!("The form could not be read ({}).", e.body_text()))?;
        input.format = params
            .get("format")
            .unwrap_or_default()
            .to_ascii_lowercase();
        input.text = params.raw("text").unwrap_or_default().to_owned();
    }
    Ok(input)
}

/// An import error as a sentence that names the line.
pub(crate) fn import_error(error: &ImportError, source: &str) -> String {
    let mut out = format!("{source}: {error}");
    if !out.ends_with(['.', '?', '!']) {
        out.push('.');
    }
    out
}
