//! The catalog's lookups of artifact kinds, their prompts and example documents. Apart from
//! `artifact.rs` (the types) so the types stay below the catalog, and apart from `catalog.rs`
//! to keep that file to its seam.

use crate::artifact::{ArtifactExample, ArtifactKind, ArtifactPrompt};
use crate::catalog::{Catalog, LookupError, hint};

/// Artifact lookups.
impl Catalog {
    /// The artifact kinds (the documents loops ask for), in pack order; empty when the pack
    /// has none.
    pub fn artifact_kinds(&self) -> &[ArtifactKind] {
        &self.pack().artifacts
    }

    /// An artifact kind by id (ASCII case ignored), with a near miss when there is none.
    pub fn artifact_kind(&self, id: &str) -> Result<&ArtifactKind, LookupError> {
        let id = id.trim().to_ascii_lowercase();
        self.pack()
            .artifacts
            .iter()
            .find(|k| k.id == id)
            .ok_or_else(|| {
                let valid: Vec<String> =
                    self.pack().artifacts.iter().map(|k| k.id.clone()).collect();
                LookupError::UnknownArtifact {
                    hint: hint(&id, &valid),
                    given: id,
                    valid,
                }
            })
    }

    /// A prompt of `kind` by id (ASCII case ignored), with a near miss when there is none.
    pub fn artifact_prompt<'k>(
        &self,
        kind: &'k ArtifactKind,
        id: &str,
    ) -> Result<&'k ArtifactPrompt, LookupError> {
        let id = id.trim().to_ascii_lowercase();
        kind.prompts.iter().find(|p| p.id == id).ok_or_else(|| {
            let valid: Vec<String> = kind.prompts.iter().map(|p| p.id.clone()).collect();
            LookupError::UnknownArtifactPrompt {
                hint: hint(&id, &valid),
                given: id,
                valid,
            }
        })
    }

    /// The annotated example documents of an artifact kind, strong first, in pack order
    /// within each label.
    pub fn artifact_examples(&self, kind: &str) -> Vec<&ArtifactExample> {
        let mut out: Vec<&ArtifactExample> = self
            .pack()
            .artifact_examples
            .iter()
            .filter(|e| e.kind == kind)
            .collect();
        out.sort_by_key(|e| e.label != "strong");
        out
    }
}
