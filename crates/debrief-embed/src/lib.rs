//! debrief-embed: static sentence vectors.
//!
//! A sentence's vector is the mean of its word pieces' vectors, looked up in a table distilled
//! from the sentence-transformer all-MiniLM-L6-v2 (`tools/embeddings/distill.py` makes it; the
//! licence and provenance are in `data/NOTICE.md`). The transformer itself would cost hundreds of
//! milliseconds an answer; the table costs microseconds and keeps most of what the model knows
//! about which words mean similar things, which is what the grader asks of it: is this sentence
//! about the question, and does it say something close to what a strong answer says.
//!
//! Word pieces are found as BERT's uncased tokenizer finds them: lower-cased words of ASCII
//! letters and digits and single punctuation marks, each word split greedily into the longest
//! pieces the vocabulary holds ("prioritise" → "prior", "##iti", "##se"). Characters outside
//! ASCII separate words and carry no meaning here; a word the vocabulary cannot spell is skipped.
//!
//! Pure: no I/O, no clock, no global state. The table is read in place from the bytes, so
//! loading it costs nothing.

use thiserror::Error;

/// The table compiled into the binary.
const EMBEDDED: &[u8] = include_bytes!("../data/minilm-l6-static.bin");

/// The file's first bytes.
const MAGIC: &[u8; 4] = b"DBSE";
/// The file layout this reader knows.
const VERSION: u16 = 3;
/// Header bytes: magic, version, dims, piece count, hash slots.
const HEADER: usize = 16;
/// Words longer than this are not split (BERT's own limit): they are never English words.
const MAX_WORD_BYTES: usize = 100;

/// Why a table could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ModelError {
    /// The bytes do not start with the table's magic number.
    #[error("not a debrief embedding table (bad magic number)")]
    Magic,
    /// A layout this reader does not know.
    #[error("embedding table version {0}; this build reads version {VERSION}")]
    Version(u16),
    /// The bytes end before the header says they should.
    #[error("embedding table truncated: {needed} bytes needed, {found} found")]
    Truncated {
        /// Bytes the header calls for.
        needed: usize,
        /// Bytes there are.
        found: usize,
    },
    /// The piece table is not sorted or its offsets run backwards.
    #[error("embedding table's pieces are not in order at entry {0}")]
    Order(usize),
    /// The hash table's size is not a power of two above the piece count.
    #[error(
        "embedding table's hash index has {0} slots; it needs a power of two above the piece count"
    )]
    Slots(usize),
}

/// A table of word-piece vectors, read in place from its bytes.
#[derive(Clone, Copy, Debug)]
pub struct Model<'a> {
    dims: usize,
    count: usize,
    /// `count + 1` little-endian u32 offsets into `pieces`.
    offsets: &'a [u8],
    /// The pieces' UTF-8 bytes, sorted, end to end.
    pieces: &'a [u8],
    /// Open-addressing hash index: little-endian u32 slots holding row + 1, 0 when empty.
    slots: &'a [u8],
    /// One little-endian f32 scale per row.
    scales: &'a [u8],
    /// `count * dims` int8 values, row by row.
    rows: &'a [u8],
    /// `dims` little-endian f32: the centre texts are compared around (the mean of the
    /// content pack's bank questions, worked out when the table was made).
    centre: &'a [u8],
}

impl Model<'static> {
    /// The table compiled into this binary.
    ///
    /// # Panics
    /// Never on a build whose tests pass: the embedded bytes are checked by a test.
    #[must_use]
    pub fn embedded() -> Self {
        // Sizes are checked here; order and index once, by a test, since the bytes are fixed.
        match Model::read(EMBEDDED) {
            Ok(model) => model,
            Err(e) => panic!("the embedded embedding table is damaged: {e}"),
        }
    }
}

impl<'a> Model<'a> {
    /// Reads a table's header and checks its layout.
    ///
    /// # Errors
    /// [`ModelError`] when the bytes are not a table this reader knows, are cut short, or list
    /// their pieces out of order (lookups would silently miss).
    pub fn parse(bytes: &'a [u8]) -> Result<Self, ModelError> {
        let model = Model::read(bytes)?;
        for i in 0..model.count {
            let (a, b) = model.bounds(i);
            if a > b || b > model.pieces.len() || (i > 0 && model.piece(i - 1) >= model.piece(i)) {
                return Err(ModelError::Order(i));
            }
        }
        if let Some(i) = (0..model.count).find(|&i| model.find(model.piece(i)) != Some(i)) {
            return Err(ModelError::Order(i));
        }
        Ok(model)
    }

    /// Reads the header and slices the sections, checking only sizes: [`Model::parse`] also
    /// checks the order and the index, which a test does once for the embedded table.
    fn read(bytes: &'a [u8]) -> Result<Self, ModelError> {
        if bytes.len() < HEADER {
            return Err(ModelError::Truncated {
                needed: HEADER,
                found: bytes.len(),
            });
        }
        if &bytes[..4] != MAGIC {
            return Err(ModelError::Magic);
        }
        let version = u16::from_le_bytes([bytes[4], bytes[5]]);
        if version != VERSION {
            return Err(ModelError::Version(version));
        }
        let dims = usize::from(u16::from_le_bytes([bytes[6], bytes[7]]));
        let count = u32_at(bytes, 8) as usize;
        let slots = u32_at(bytes, 12) as usize;
        if !slots.is_power_of_two() || slots <= count {
            return Err(ModelError::Slots(slots));
        }
        let offsets_end = HEADER + 4 * (count + 1);
        if bytes.len() < offsets_end {
            return Err(ModelError::Truncated {
                needed: offsets_end,
                found: bytes.len(),
            });
        }
        let offsets = &bytes[HEADER..offsets_end];
        let blob = u32_at(offsets, 4 * count) as usize;
        let pieces_end = offsets_end + blob;
        let slots_end = pieces_end + 4 * slots;
        let scales_end = slots_end + 4 * count;
        let rows_end = scales_end + count * dims;
        let needed = rows_end + 4 * dims;
        if bytes.len() < needed {
            return Err(ModelError::Truncated {
                needed,
                found: bytes.len(),
            });
        }
        Ok(Model {
            dims,
            count,
            offsets,
            pieces: &bytes[offsets_end..pieces_end],
            slots: &bytes[pieces_end..slots_end],
            scales: &bytes[slots_end..scales_end],
            rows: &bytes[scales_end..rows_end],
            centre: &bytes[rows_end..needed],
        })
    }

    /// How many numbers a vector has.
    #[must_use]
    pub fn dims(&self) -> usize {
        self.dims
    }

    /// The centre to compare texts around ([`cosine`]): what every interview question shares,
    /// measured on the content pack's bank when the table was made.
    #[must_use]
    pub fn centre(&self) -> Vec<f32> {
        (0..self.dims)
            .map(|d| f32::from_bits(u32_at(self.centre, 4 * d)))
            .collect()
    }

    /// How many word pieces the table holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether the table holds no pieces.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    fn bounds(&self, i: usize) -> (usize, usize) {
        (
            u32_at(self.offsets, 4 * i) as usize,
            u32_at(self.offsets, 4 * (i + 1)) as usize,
        )
    }

    fn piece(&self, i: usize) -> &'a [u8] {
        let (a, b) = self.bounds(i);
        &self.pieces[a..b]
    }

    /// The row of `piece`, if the table holds it: a hash probe or two.
    fn find(&self, piece: &[u8]) -> Option<usize> {
        let mask = self.slots.len() / 4 - 1;
        let mut at = (fnv1a(piece) as usize) & mask;
        loop {
            let slot = u32_at(self.slots, 4 * at) as usize;
            if slot == 0 {
                return None;
            }
            if self.piece(slot - 1) == piece {
                return Some(slot - 1);
            }
            at = (at + 1) & mask;
        }
    }

    /// Adds row `i` to `sum`.
    fn add_row(&self, i: usize, sum: &mut [f32]) {
        let scale = f32::from_bits(u32_at(self.scales, 4 * i));
        let row = &self.rows[i * self.dims..(i + 1) * self.dims];
        for (s, &q) in sum.iter_mut().zip(row) {
            *s += f32::from(q as i8) * scale;
        }
    }

    /// Appends the rows of `word`'s pieces (a lower-cased ASCII word or one punctuation mark)
    /// to `out`; appends nothing when the vocabulary cannot spell it.
    fn word_pieces(&self, word: &[u8], out: &mut Vec<usize>, buf: &mut Vec<u8>) {
        if word.len() > MAX_WORD_BYTES {
            return;
        }
        let before = out.len();
        let mut start = 0;
        while start < word.len() {
            let mut end = word.len();
            let mut found = None;
            while start < end {
                // A word's first piece is looked up in place; a later one carries "##".
                let row = if start == 0 {
                    self.find(&word[..end])
                } else {
                    buf.clear();
                    buf.extend_from_slice(b"##");
                    buf.extend_from_slice(&word[start..end]);
                    self.find(buf)
                };
                if let Some(row) = row {
                    found = Some(row);
                    break;
                }
                end -= 1;
            }
            match found {
                Some(row) => {
                    out.push(row);
                    start = end;
                }
                None => {
                    // BERT reads the whole word as unknown; so do we, by adding nothing.
                    out.truncate(before);
                    return;
                }
            }
        }
    }

    /// The rows of every word piece in `text`, in order.
    #[must_use]
    pub fn pieces_of(&self, text: &str) -> Vec<usize> {
        let mut scratch = Scratch::default();
        self.pieces_into(text, &mut scratch);
        scratch.rows
    }

    /// Fills `scratch.rows` with the rows of every word piece in `text`, in order, reusing
    /// the scratch space's buffers.
    fn pieces_into(&self, text: &str, scratch: &mut Scratch) {
        let Scratch { rows, buf, word } = scratch;
        rows.clear();
        word.clear();
        for &b in text.as_bytes() {
            if b.is_ascii_alphanumeric() {
                word.push(b.to_ascii_lowercase());
                continue;
            }
            if !word.is_empty() {
                self.word_pieces(word, rows, buf);
                word.clear();
            }
            if b.is_ascii_punctuation() {
                self.word_pieces(&[b], rows, buf);
            }
        }
        if !word.is_empty() {
            self.word_pieces(word, rows, buf);
        }
    }

    /// The mean piece vector of each of `texts` scaled to length 1, end to end in one table
    /// of [`Model::dims`] numbers a row; a text with no piece the table knows, or whose mean
    /// is all zeros, has no row. One buffer serves every text, so many short texts (an
    /// answer's words, each set against a question's) cost no allocation each.
    #[must_use]
    pub fn unit_rows<'t>(&self, texts: impl IntoIterator<Item = &'t str>) -> Vec<f32> {
        let mut table = Vec::new();
        let mut scratch = Scratch::default();
        for text in texts {
            self.pieces_into(text, &mut scratch);
            if scratch.rows.is_empty() {
                continue;
            }
            let at = table.len();
            table.resize(at + self.dims, 0.0);
            for &row in &scratch.rows {
                self.add_row(row, &mut table[at..]);
            }
            let norm = dot(&table[at..], &table[at..]).sqrt();
            if norm == 0.0 {
                table.truncate(at);
            } else {
                table[at..].iter_mut().for_each(|x| *x /= norm);
            }
        }
        table
    }

    /// The sum of `text`'s piece vectors and how many there were: [`Vector::mean`] is the
    /// sentence vector, and sums of sentences add up to their paragraph's.
    #[must_use]
    pub fn embed(&self, text: &str) -> Vector {
        let mut v = Vector::zero(self.dims);
        for row in self.pieces_of(text) {
            self.add_row(row, &mut v.sum);
            v.pieces += 1;
        }
        v
    }
}

/// Buffers reused while reading many texts: piece rows, a "##" piece being looked up, and the
/// lower-cased word being split.
#[derive(Default)]
struct Scratch {
    rows: Vec<usize>,
    buf: Vec<u8>,
    word: Vec<u8>,
}

/// 64-bit FNV-1a, as `tools/embeddings/distill.py` computes it for the index.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// A sum of word-piece vectors and how many pieces went into it.
#[derive(Clone, Debug, PartialEq)]
pub struct Vector {
    sum: Vec<f32>,
    pieces: usize,
}

impl Vector {
    /// The empty sum of `dims` numbers.
    #[must_use]
    pub fn zero(dims: usize) -> Self {
        Vector {
            sum: vec![0.0; dims],
            pieces: 0,
        }
    }

    /// How many word pieces went into the sum.
    #[must_use]
    pub fn pieces(&self) -> usize {
        self.pieces
    }

    /// Adds `other`'s pieces to this sum.
    pub fn add(&mut self, other: &Vector) {
        for (a, b) in self.sum.iter_mut().zip(&other.sum) {
            *a += b;
        }
        self.pieces += other.pieces;
    }

    /// The mean piece vector (all zeros for no pieces).
    #[must_use]
    pub fn mean(&self) -> Vec<f32> {
        let n = self.pieces.max(1) as f32;
        self.sum.iter().map(|s| s / n).collect()
    }
}

/// The dot product of `a` and `b` (as far as the shorter goes), summed in eight lanes so the
/// compiler can use vector instructions: a strict left-to-right sum of floats cannot be
/// reordered, and is several times slower. The lanes' order is fixed, so the result is the
/// same on every run.
#[must_use]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut lanes = [0.0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for i in 0..8 {
            lanes[i] += x[i] * y[i];
        }
    }
    lanes.iter().sum::<f32>() + tail
}

/// The cosine of the angle between `a - centre` and `b - centre`: 1 for the same direction,
/// 0 for unrelated, and 0 when either is the centre itself. Centring on the mean of the texts
/// compared removes what they all share (every interview answer sounds like an interview
/// answer), which is most of the raw similarity.
#[must_use]
pub fn cosine(a: &[f32], b: &[f32], centre: &[f32]) -> f32 {
    // Summed in eight lanes, as for [`dot`], so the three sums run as vector instructions.
    let n = a.len().min(b.len()).min(centre.len());
    let (mut ab, mut aa, mut bb) = ([0.0f32; 8], [0.0f32; 8], [0.0f32; 8]);
    for i in 0..n {
        let (x, y) = (a[i] - centre[i], b[i] - centre[i]);
        let lane = i % 8;
        ab[lane] += x * y;
        aa[lane] += x * x;
        bb[lane] += y * y;
    }
    let (ab, aa, bb): (f32, f32, f32) = (ab.iter().sum(), aa.iter().sum(), bb.iter().sum());
    if aa == 0.0 || bb == 0.0 {
        0.0
    } else {
        ab / (aa.sqrt() * bb.sqrt())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model<'static> {
        Model::embedded()
    }

    fn similarity(a: &str, b: &str) -> f32 {
        let m = model();
        let zero = vec![0.0; m.dims()];
        cosine(&m.embed(a).mean(), &m.embed(b).mean(), &zero)
    }

    #[test]
    fn the_embedded_table_reads() {
        // The full check: pieces in order, every piece found through the index.
        let m = Model::parse(EMBEDDED).expect("a valid table");
        assert!(m.dims() >= 64, "{} dims", m.dims());
        assert!(m.len() > 20_000, "{} pieces", m.len());
        let centre = m.centre();
        assert_eq!(centre.len(), m.dims());
        assert!(centre.iter().all(|c| c.is_finite()) && centre.iter().any(|&c| c != 0.0));
    }

    #[test]
    fn dot_is_the_sum_of_products_at_any_length() {
        for n in [0usize, 1, 7, 8, 9, 20, 128] {
            let a: Vec<f32> = (0..n).map(|i| i as f32 * 0.5 - 3.0).collect();
            let b: Vec<f32> = (0..n).map(|i| 1.0 - i as f32 * 0.25).collect();
            let plain: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!(
                (dot(&a, &b) - plain).abs() <= 1e-3 * plain.abs().max(1.0),
                "{n}"
            );
        }
        assert_eq!(dot(&[1.0, 2.0, 3.0], &[4.0, 5.0]), 14.0);
    }

    #[test]
    fn unit_rows_are_each_text_s_mean_at_length_one_and_skip_the_unknown() {
        let m = model();
        let zero = vec![0.0; m.dims()];
        let texts = ["blood", "\u{e9}\u{e9}", "donors", "give blood"];
        let table = m.unit_rows(texts);
        // The text with no piece the table knows has no row.
        assert_eq!(table.len(), 3 * m.dims());
        for (row, text) in table
            .chunks(m.dims())
            .zip(["blood", "donors", "give blood"])
        {
            let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt();
            assert!((norm - 1.0).abs() < 1e-4, "{text}: {norm}");
            let same = cosine(row, &m.embed(text).mean(), &zero);
            assert!(same > 0.9999, "{text}: {same}");
        }
        assert!(m.unit_rows([]).is_empty());
    }

    #[test]
    fn words_split_into_the_pieces_bert_uses() {
        let m = model();
        let pieces = |t: &str| -> Vec<String> {
            m.pieces_of(t)
                .into_iter()
                .map(|i| String::from_utf8_lossy(m.piece(i)).into_owned())
                .collect()
        };
        assert_eq!(pieces("The Pricing page."), ["the", "pricing", "page", "."]);
        assert_eq!(pieces("didn't"), ["didn", "'", "t"]);
        let split = pieces("prioritise");
        assert!(split.len() > 1 && split[1].starts_with("##"), "{split:?}");
        // Outside ASCII separates words; a word longer than BERT's limit is skipped.
        assert_eq!(pieces("café"), pieces("caf"));
        assert!(pieces(&"a".repeat(MAX_WORD_BYTES + 1)).is_empty());
    }

    #[test]
    fn related_sentences_are_closer_than_unrelated_ones() {
        let base = "We raised the price of the premium plan and lost few customers.";
        let near = "After the pricing change for the top tier, churn barely moved.";
        let far = "My grandmother grows tomatoes in her garden every summer.";
        assert!(similarity(base, near) > similarity(base, far) + 0.1);
    }

    #[test]
    fn sums_add_up() {
        let m = model();
        let mut a = m.embed("first sentence.");
        a.add(&m.embed("second one"));
        let whole = m.embed("first sentence. second one");
        assert_eq!(a.pieces(), whole.pieces());
        for (x, y) in a.mean().iter().zip(whole.mean()) {
            assert!((x - y).abs() < 1e-5);
        }
    }

    #[test]
    fn damaged_tables_are_refused() {
        assert!(matches!(
            Model::parse(b"DBSE"),
            Err(ModelError::Truncated {
                needed: HEADER,
                found: 4
            })
        ));
        let header = |magic: &[u8; 4], version: u16, slots: u32| {
            let mut h = magic.to_vec();
            h.extend(version.to_le_bytes());
            h.extend(4u16.to_le_bytes());
            h.extend(1u32.to_le_bytes());
            h.extend(slots.to_le_bytes());
            h
        };
        assert!(matches!(
            Model::parse(&header(b"XXXX", VERSION, 4)),
            Err(ModelError::Magic)
        ));
        assert!(matches!(
            Model::parse(&header(MAGIC, 2, 4)),
            Err(ModelError::Version(2))
        ));
        assert!(matches!(
            Model::parse(&header(MAGIC, VERSION, 3)),
            Err(ModelError::Slots(3))
        ));
        assert!(matches!(
            Model::parse(&header(MAGIC, VERSION, 4)),
            Err(ModelError::Truncated { .. })
        ));
        let cut = &EMBEDDED[..EMBEDDED.len() - 1];
        assert!(matches!(
            Model::parse(cut),
            Err(ModelError::Truncated { .. })
        ));
    }

    #[test]
    fn cosine_of_nothing_is_zero() {
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 0.0], &[0.0, 0.0]), 0.0);
        assert!((cosine(&[1.0, 2.0], &[2.0, 4.0], &[0.0, 0.0]) - 1.0).abs() < 1e-6);
    }

    proptest::proptest! {
        #[test]
        fn any_text_embeds_without_panic(text in "\\PC{0,200}") {
            let m = model();
            let v = m.embed(&text);
            proptest::prop_assert!(v.mean().iter().all(|x| x.is_finite()));
        }
    }
}
