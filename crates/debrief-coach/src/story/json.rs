//! JSON through serde_json: the wrapper `{"version": 1, "stories": [...]}` or a bare array.
//! A store row's `id`, `created_at` and `updated_at` are accepted and ignored.
use serde::de::IgnoredAny;

use super::*;

/// A story as a file may hold it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    #[serde(default)]
    title: String,
    #[serde(default)]
    situation: String,
    #[serde(default)]
    task: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    result: String,
    #[serde(default)]
    metrics: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    lps: Vec<String>,
    #[serde(default, deserialize_with = "role_field")]
    role: Option<Role>,
    #[serde(default, rename = "id")]
    _id: Option<IgnoredAny>,
    #[serde(default, rename = "created_at")]
    _created_at: Option<IgnoredAny>,
    #[serde(default, rename = "updated_at")]
    _updated_at: Option<IgnoredAny>,
}

impl From<Row> for Story {
    fn from(r: Row) -> Story {
        Story {
            title: r.title,
            situation: r.situation,
            task: r.task,
            action: r.action,
            result: r.result,
            metrics: r.metrics,
            tags: r.tags,
            lps: r.lps,
            role: r.role,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wrapped {
    version: u32,
    stories: Vec<Row>,
}

#[derive(Serialize)]
struct Out<'a> {
    version: u32,
    stories: &'a [Story],
}

pub(super) fn write(stories: &[Story]) -> String {
    // Serializing plain strings and lists cannot fail.
    let mut out = serde_json::to_string_pretty(&Out {
        version: 1,
        stories,
    })
    .unwrap_or_default();
    out.push('\n');
    out
}

pub(super) fn read(text: &str) -> Result<Vec<Story>, ImportError> {
    let error = |e: serde_json::Error| {
        // serde_json appends " at line L column C"; the position goes in its own fields.
        let message = e.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        ImportError {
            format: Format::Json,
            line: e.line().max(1),
            column: Some(e.column().max(1)),
            message: format!(
                "{message}; expected {{\"version\": 1, \"stories\": [...]}} or an array of stories"
            ),
        }
    };
    let rows = if text.trim_start().starts_with('[') {
        serde_json::from_str::<Vec<Row>>(text).map_err(error)?
    } else {
        let wrapped: Wrapped = serde_json::from_str(text).map_err(error)?;
        if wrapped.version != 1 {
            return Err(ImportError {
                format: Format::Json,
                line: 1,
                column: None,
                message: format!(
                    "this file is version {}; this debrief reads version 1",
                    wrapped.version
                ),
            });
        }
        wrapped.stories
    };
    Ok(rows.into_iter().map(Story::from).collect())
}
