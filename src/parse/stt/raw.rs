//! Reading a JSON document without building it.
//!
//! A speech-to-text file is mostly one big array of small objects; as a `serde_json::Value`
//! each object costs hundreds of bytes, so a million one-word segments took a gigabyte. Here
//! the document is read in place instead: an object yields only the members a schema asks for,
//! each as a [`RawValue`] (a slice of the document), and an array is walked element by element,
//! so nothing grows with the input but the transcript being built.
//!
//! The first reading of the document ([`Document::root`]) checks all of it as `Value` did
//! (syntax, depth, numbers), so a broken document gets the same error as before, and later
//! readings of its parts meet nothing wrong but the shape.

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::value::RawValue;

use crate::parse::error::ParseError;

/// The members of an object that a reader asked for, by the position of their key in its
/// list; a key that repeats keeps its last value, as `serde_json::Value` does.
pub type Members<'a, const N: usize> = [Option<&'a RawValue>; N];

/// A value read for its members: an object's wanted members, or what else it was (`"a
/// string"`), for the error message.
pub type Picked<'a, const N: usize> = Result<Members<'a, N>, &'static str>;

/// The top-level object's wanted members, and the members of the one picked inside it.
#[derive(Debug)]
pub struct Root<'a, const N: usize, const M: usize> {
    /// The wanted members, but for the nested one.
    pub members: Members<'a, N>,
    /// The nested member's own members, if it is there.
    pub nested: Option<Picked<'a, M>>,
}

/// One step into a value, as `Value::get` takes it.
#[derive(Debug, Clone, Copy)]
pub enum Step<'k> {
    /// The first element of an array.
    First,
    /// The member of an object with this key.
    Key(&'k str),
}

/// A JSON document being read in place.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    text: &'a str,
}

/// Why reading stopped: the caller's own error, or JSON that `serde_json` refused.
#[derive(Debug)]
pub enum Stop<E> {
    /// The caller's closure returned this.
    Caller(E),
    /// The JSON itself is wrong, placed in the whole document.
    Json(ParseError),
}

impl<'a> Document<'a> {
    /// A document of `text`, which must be the whole of it (error positions count from it).
    pub fn new(text: &'a str) -> Self {
        Self { text }
    }

    /// The whole document as one value, for a top-level array.
    pub fn whole(&self) -> &'a str {
        self.text
    }

    /// Checks the whole document, then picks the `keys` of its top-level object; the member
    /// `keys[nested]`, if there, is picked for `nested_keys` in the same reading instead of
    /// being kept whole (reading it again would read most of the document again). `Err` names
    /// what the document is when it is no object.
    ///
    /// # Errors
    /// [`ParseError::Json`] where the document is not JSON.
    pub fn root<const N: usize, const M: usize>(
        &self,
        keys: &[&str; N],
        (nested, nested_keys): (usize, &[&str; M]),
    ) -> Result<Result<Root<'a, N, M>, &'static str>, ParseError> {
        serde_json::from_str::<Check>(self.text)?;
        let mut deserializer = serde_json::Deserializer::from_str(self.text);
        let pick = PickRoot {
            keys,
            nested,
            nested_keys,
        };
        Ok(Any(pick).deserialize(&mut deserializer)?)
    }

    /// Picks the `keys` of `value` if it is an object.
    ///
    /// # Errors
    /// [`ParseError::Json`] for a number out of range.
    pub fn pick<const N: usize>(
        &self,
        value: &'a str,
        keys: &[&str; N],
    ) -> Result<Picked<'a, N>, ParseError> {
        Ok(self.path(value, &[], keys)?.unwrap_or(Err("null")))
    }

    /// Follows `steps` into `value` and picks the `keys` of what is there, all in one reading;
    /// `None` where a step finds nothing.
    ///
    /// # Errors
    /// [`ParseError::Json`] for a number out of range.
    pub fn path<const N: usize>(
        &self,
        value: &'a str,
        steps: &[Step<'_>],
        keys: &[&str; N],
    ) -> Result<Option<Picked<'a, N>>, ParseError> {
        let mut deserializer = serde_json::Deserializer::from_str(value);
        Path { steps, keys }
            .deserialize(&mut deserializer)
            .map_err(|error| self.locate(value, error))
    }

    /// Calls `each` with the index and the picked `keys` of every element of the array `array`
    /// in turn, stopping at the first error `each` returns. A value that is not an array has no
    /// elements.
    ///
    /// # Errors
    /// [`Stop::Caller`] with the error `each` returned, [`Stop::Json`] for a number out of range.
    pub fn for_each<const N: usize, E>(
        &self,
        array: &'a str,
        keys: &[&str; N],
        each: impl FnMut(usize, Picked<'a, N>) -> Result<(), E>,
    ) -> Result<(), Stop<E>> {
        let mut walk = Walk {
            keys,
            each,
            stopped: None,
        };
        let mut deserializer = serde_json::Deserializer::from_str(array);
        match Any(&mut walk).deserialize(&mut deserializer) {
            Ok(_) => Ok(()),
            // The closure's error travels through serde as a placeholder; the real one is kept.
            Err(error) => Err(match walk.stopped {
                Some(stopped) => Stop::Caller(stopped),
                None => Stop::Json(self.locate(array, error)),
            }),
        }
    }

    /// The number `value` holds (which must be a number) as `f64`.
    ///
    /// # Errors
    /// [`ParseError::Json`] for a number too large for `f64`.
    pub fn number(&self, value: &'a RawValue) -> Result<f64, ParseError> {
        serde_json::from_str(value.get()).map_err(|error| self.locate(value.get(), error))
    }

    /// The number `value` holds, exactly as `serde_json` keeps it (a speaker id is written as
    /// given: `0`, not `0.0`).
    ///
    /// # Errors
    /// [`ParseError::Json`] for a number too large for `f64`.
    pub fn exact_number(&self, value: &'a RawValue) -> Result<serde_json::Number, ParseError> {
        serde_json::from_str(value.get()).map_err(|error| self.locate(value.get(), error))
    }

    /// The text of the string `value` (which must be a string): borrowed from the document
    /// when it has no escapes, else decoded into `scratch`, which is reused for every string
    /// so that reading a million of them allocates nothing.
    pub fn string<'s>(&self, value: &'s RawValue, scratch: &'s mut String) -> &'s str {
        match unescaped(value) {
            Some(text) => text,
            None => {
                scratch.clear();
                decode(value, scratch);
                scratch
            }
        }
    }

    /// The text of the string `value` (which must be a string), to keep: borrowed from the
    /// document unless it has escapes.
    pub fn owned_string(&self, value: &'a RawValue) -> Cow<'a, str> {
        match unescaped(value) {
            Some(text) => Cow::Borrowed(text),
            None => {
                let mut text = String::new();
                decode(value, &mut text);
                Cow::Owned(text)
            }
        }
    }

    /// A serde_json error in `part`, a slice of this document, placed in the whole document.
    fn locate(&self, part: &str, error: serde_json::Error) -> ParseError {
        let offset = (part.as_ptr() as usize)
            .checked_sub(self.text.as_ptr() as usize)
            .filter(|&offset| offset <= self.text.len())
            .unwrap_or(0);
        let before = &self.text.as_bytes()[..offset];
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |at| at + 1);
        let lines_before = memchr::memchr_iter(b'\n', before).count();
        let (line, column) = (error.line(), error.column());
        let mut placed = ParseError::from(error);
        if let ParseError::Json {
            line: placed_line,
            column: placed_column,
            ..
        } = &mut placed
        {
            *placed_line = lines_before + line;
            // serde_json counts columns from the start of its own text's line.
            *placed_column = if line <= 1 {
                offset - line_start + column
            } else {
                column
            };
        }
        placed
    }
}

/// What kind of JSON value `value` is, as error messages name it.
pub fn kind(value: &RawValue) -> &'static str {
    match value.get().as_bytes().first() {
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        Some(b'"') => "a string",
        Some(b'[') => "an array",
        Some(b'{') => "an object",
        _ => "a number",
    }
}

/// Whether `value` is `null`.
pub fn is_null(value: &RawValue) -> bool {
    value.get() == "null"
}

/// The inside of a string without escapes, which is its text.
fn unescaped(value: &RawValue) -> Option<&str> {
    let quoted = value.get();
    let inner = quoted.get(1..quoted.len().saturating_sub(1)).unwrap_or("");
    (!inner.contains('\\')).then_some(inner)
}

/// Decodes a string with escapes into `out`. The document was checked, so this does not fail;
/// were it to, the text would be left short rather than the program stopped.
fn decode(value: &RawValue, out: &mut String) {
    let mut deserializer = serde_json::Deserializer::from_str(value.get());
    let _ = deserializer.deserialize_str(Decode(out));
}

/// A value read as `serde_json::Value` reads it, keeping nothing: the same errors (syntax,
/// nesting deeper than 128, numbers out of range) at the same places, without the gigabyte.
struct Check;

impl<'de> Deserialize<'de> for Check {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Check)
    }
}

impl<'de> Visitor<'de> for Check {
    type Value = Check;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Check, A::Error> {
        while map.next_entry::<IgnoredAny, Check>()?.is_some() {}
        Ok(Check)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Check, A::Error> {
        while seq.next_element::<Check>()?.is_some() {}
        Ok(Check)
    }

    fn visit_unit<E>(self) -> Result<Check, E> {
        Ok(Check)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Check, E> {
        Ok(Check)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Check, E> {
        Ok(Check)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Check, E> {
        Ok(Check)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Check, E> {
        Ok(Check)
    }

    fn visit_str<E>(self, _: &str) -> Result<Check, E> {
        Ok(Check)
    }
}

/// The result of a [`Read`]: what it made of an object or an array, or the kind of value it
/// met instead.
type Outcome<T> = Result<T, &'static str>;

/// What a reader does with an object and with an array; by default each is skipped, and
/// [`Any`] names any other value.
trait Read<'de>: Sized {
    /// What the reader makes.
    type Out;

    /// Reads an object.
    fn object<A: MapAccess<'de>>(self, mut map: A) -> Result<Outcome<Self::Out>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Err("an object"))
    }

    /// Reads an array.
    fn array<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Outcome<Self::Out>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Err("an array"))
    }
}

/// Reads any value with a [`Read`].
struct Any<R>(R);

impl<'de, R: Read<'de>> DeserializeSeed<'de> for Any<R> {
    type Value = Outcome<R::Out>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, R: Read<'de>> Visitor<'de> for Any<R> {
    type Value = Outcome<R::Out>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.object(map)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.0.array(seq)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Err("null"))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Err("a boolean"))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Err("a string"))
    }
}

/// Picks an object's wanted members, each kept as the slice of the document it is.
struct Pick<'k, const N: usize> {
    keys: &'k [&'k str; N],
}

impl<'de, const N: usize> Read<'de> for Pick<'_, N> {
    type Out = Members<'de, N>;

    fn object<A: MapAccess<'de>>(self, mut map: A) -> Result<Outcome<Self::Out>, A::Error> {
        let mut members = [None; N];
        while let Some(key) = map.next_key_seed(Key { keys: self.keys })? {
            match key {
                Some(index) => members[index] = Some(map.next_value::<&RawValue>()?),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Ok(members))
    }
}

/// [`Pick`] for the top-level object, with one member picked in turn.
struct PickRoot<'k, const N: usize, const M: usize> {
    keys: &'k [&'k str; N],
    nested: usize,
    nested_keys: &'k [&'k str; M],
}

impl<'de, const N: usize, const M: usize> Read<'de> for PickRoot<'_, N, M> {
    type Out = Root<'de, N, M>;

    fn object<A: MapAccess<'de>>(self, mut map: A) -> Result<Outcome<Self::Out>, A::Error> {
        let mut root = Root {
            members: [None; N],
            nested: None,
        };
        while let Some(key) = map.next_key_seed(Key { keys: self.keys })? {
            match key {
                Some(index) if index == self.nested => {
                    let pick = Pick {
                        keys: self.nested_keys,
                    };
                    root.nested = Some(map.next_value_seed(Any(pick))?);
                }
                Some(index) => root.members[index] = Some(map.next_value::<&RawValue>()?),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Ok(root))
    }
}

/// An object key: its position among the wanted keys, if it is one. Compared where it lies,
/// never copied.
struct Key<'k, const N: usize> {
    keys: &'k [&'k str; N],
}

impl<'de, const N: usize> DeserializeSeed<'de> for Key<'_, N> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<const N: usize> Visitor<'_> for Key<'_, N> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.keys.iter().position(|wanted| *wanted == key))
    }
}

/// Follows steps into a value, then picks the keys of what is there.
struct Path<'s, 'k, const N: usize> {
    steps: &'s [Step<'s>],
    keys: &'k [&'k str; N],
}

impl<'de, const N: usize> DeserializeSeed<'de> for Path<'_, '_, N> {
    type Value = Option<Picked<'de, N>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        if self.steps.is_empty() {
            let pick = Pick { keys: self.keys };
            return Any(pick).deserialize(deserializer).map(Some);
        }
        Ok(Any(self).deserialize(deserializer)?.ok().flatten())
    }
}

impl<'de, const N: usize> Read<'de> for Path<'_, '_, N> {
    type Out = Option<Picked<'de, N>>;

    fn object<A: MapAccess<'de>>(self, mut map: A) -> Result<Outcome<Self::Out>, A::Error> {
        let (Some(Step::Key(wanted)), rest) = (self.steps.first(), &self.steps[1..]) else {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(Ok(None));
        };
        let mut found = None;
        while let Some(key) = map.next_key_seed(Key { keys: &[*wanted] })? {
            if key.is_some() {
                let next = Path {
                    steps: rest,
                    keys: self.keys,
                };
                found = map.next_value_seed(next)?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(Ok(found))
    }

    fn array<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Outcome<Self::Out>, A::Error> {
        let mut found = None;
        if let Some(Step::First) = self.steps.first() {
            let next = Path {
                steps: &self.steps[1..],
                keys: self.keys,
            };
            found = seq.next_element_seed(next)?.flatten();
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Ok(found))
    }
}

/// Walks an array, handing each element's picked members to the closure.
struct Walk<'k, const N: usize, F, E> {
    keys: &'k [&'k str; N],
    each: F,
    stopped: Option<E>,
}

impl<'de, const N: usize, F, E> Read<'de> for &mut Walk<'_, N, F, E>
where
    F: FnMut(usize, Picked<'de, N>) -> Result<(), E>,
{
    type Out = ();

    fn array<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Outcome<()>, A::Error> {
        let mut index = 0;
        while let Some(element) = seq.next_element_seed(Any(Pick { keys: self.keys }))? {
            if let Err(error) = (self.each)(index, element) {
                self.stopped = Some(error);
                return Err(de::Error::custom("stopped"));
            }
            index += 1;
        }
        Ok(Ok(()))
    }
}

/// Decodes a string with escapes into a reused buffer.
struct Decode<'s>(&'s mut String);

impl Visitor<'_> for Decode<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E>(self, text: &str) -> Result<(), E> {
        self.0.push_str(text);
        Ok(())
    }
}
