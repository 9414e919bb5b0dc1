import { describe, expect, it } from 'vitest'
import { multiLine, singleLine } from '../../../functions/contract/text.js'

const name = singleLine(200)
const pitch = multiLine(5000)

// One of each category a one-line field refuses, with where it hides in practice.
const refusedInOneLine: Record<string, string> = {
  'NUL (Cc)': '\u0000',
  'escape (Cc)': '\u001B',
  'DEL (Cc)': '\u007F',
  'next line U+0085 (Cc)': '\u0085',
  'C1 control U+009B (Cc)': '\u009B',
  'tab (Cc)': '\t',
  'line feed (Cc)': '\n',
  'right-to-left override U+202E (Cf)': '\u202E',
  'left-to-right embedding U+202A (Cf)': '\u202A',
  'first strong isolate U+2068 (Cf)': '\u2068',
  'right-to-left mark U+200F (Cf)': '\u200F',
  'Arabic letter mark U+061C (Cf)': '\u061C',
  'zero-width space U+200B (Cf)': '\u200B',
  'zero-width joiner U+200D (Cf)': '\u200D',
  'word joiner U+2060 (Cf)': '\u2060',
  'byte order mark U+FEFF (Cf)': '\uFEFF',
  'soft hyphen U+00AD (Cf)': '\u00AD',
  'interlinear annotation U+FFF9 (Cf)': '\uFFF9',
  'tag letter U+E0041 (Cf)': '\u{E0041}',
  'line separator U+2028 (Zl)': '\u2028',
  'paragraph separator U+2029 (Zp)': '\u2029',
  'lone high surrogate': '\uD800',
  'lone low surrogate': '\uDC00',
  'noncharacter U+FFFF': '\uFFFF',
  'noncharacter U+FDD0': '\uFDD0',
}

describe('one-line text', () => {
  it.each(Object.entries(refusedInOneLine))('refuses %s', (_, character) => {
    expect(name.safeParse(`Calanques${character}Tech`).success).toBe(false)
  })

  it('takes letters of any script, accents, emoji and ordinary spaces', () => {
    for (const value of ['Inès Martin', 'Ørsted & Co', 'Ζήτα', 'سلام', '東京', 'Calanques 🌊', 'A\u00A0B']) {
      expect(name.parse(value)).toBe(value)
    }
  })

  it('is NFC: a decomposed accent and a precomposed one are the same name', () => {
    const decomposed = 'Ine\u0300s'
    expect(name.parse(decomposed)).toBe('Inès')
    expect(name.parse(decomposed)).toBe(name.parse('Inès'))
    expect(name.parse('\u212B')).toBe('\u00C5') // ANGSTROM SIGN → Å
  })

  it('counts its length after normalising and trimming', () => {
    expect(singleLine(3).safeParse('  e\u0301e\u0301e\u0301  ').success).toBe(true)
    expect(singleLine(3).safeParse('abcd').success).toBe(false)
  })
})

describe('multi-line text', () => {
  it('takes line breaks, tabs and the joiners emoji need', () => {
    const value = 'Line one\r\nLine two\n\tindented 👩\u200D💻 and می\u200Cخواهم'
    expect(pitch.parse(value)).toBe(value)
  })

  it.each(
    Object.entries(refusedInOneLine).filter(([label]) => !/tab|line feed|joiner/.test(label)),
  )('refuses %s', (_, character) => {
    expect(pitch.safeParse(`Solar${character}desalination`).success).toBe(false)
  })

  it('is NFC too', () => {
    expect(pitch.parse('Cafe\u0301 au bord de l’eau')).toBe('Café au bord de l’eau')
  })
})
