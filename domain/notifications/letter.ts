import type { Language } from '../events/index.js'

/** Part of a line: text, or a link with the text it shows. */
export type Inline = string | { readonly text: string; readonly href: string }

/** One block of a message, rendered alike in plain text and HTML. */
export type Block =
  | { readonly type: 'paragraph'; readonly parts: readonly Inline[] }
  /** Label and value pairs: the reference, the edition, the deadline… */
  | { readonly type: 'facts'; readonly rows: readonly (readonly [string, string])[] }
  /**
   * The one thing to do, as a button, with its address in clear beneath for clients that
   * show no button (`shown`: how to write it, when not the link itself, e.g. for `mailto:`).
   */
  | {
      readonly type: 'action'
      readonly text: string
      readonly href: string
      readonly fallback: string
      readonly shown?: string
    }
  /** Words someone else wrote (the reason staff gave), set apart. */
  | { readonly type: 'quote'; readonly text: string }

/**
 * A message as its wording says it, before it is plain text or HTML: both come from it,
 * so they never say different things, and every piece of data goes through one escape.
 */
export interface Letter {
  readonly subject: string
  readonly greeting: string
  readonly blocks: readonly Block[]
  readonly signOff: readonly string[]
  readonly footer: readonly (readonly Inline[])[]
}

export interface RenderedMessage {
  readonly subject: string
  readonly text: string
  readonly html: string
}

// Control characters, line and paragraph separators, and bidirectional controls: nothing a
// name needs, and what a hostile one would use to forge a header or reorder what is shown.
const unsafe = /[\p{Cc}\p{Zl}\p{Zp}\p{Bidi_Control}]/gu

/**
 * Text as it may appear in a message: without control or direction-override characters;
 * line breaks are kept where `multiline`, else they become spaces.
 *
 * @example plain('Calanques\r\nBcc: x') // 'Calanques Bcc: x'
 */
export const plain = (text: string, multiline = false): string => {
  const lines = text.split(/\r\n|\r|\n/).map((line) => line.replace(unsafe, ' '))
  return multiline
    ? lines
        .map((line) => line.trimEnd())
        .join('\n')
        .trim()
    : lines.join(' ').replace(/ {2,}/g, ' ').trim()
}

/** A subject line: one line, no header can be forged from it. */
export const subjectLine = (text: string): string => plain(text)

/**
 * HTML-escaped text (element content and quoted attribute values alike).
 *
 * @example escapeHtml('<script>') // '&lt;script&gt;'
 */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

/** A link written out; an address shown as itself is not repeated (`mailto:` it). */
const inlineText = (part: Inline): string => {
  if (typeof part === 'string') return part
  return part.href.startsWith(`mailto:${part.text}`) ? part.text : `${part.text} <${part.href}>`
}

const blockText = (block: Block): string => {
  switch (block.type) {
    case 'paragraph':
      return block.parts.map(inlineText).join('')
    case 'facts':
      return block.rows.map(([label, value]) => `${label} ${value}`).join('\n')
    case 'action':
      return `${block.text}\n${block.shown ?? block.href}`
    case 'quote':
      return block.text
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n')
  }
}

/**
 * The plain-text part: paragraphs apart, links written out, the footer under the
 * signature delimiter ("-- ") that mail clients recognise.
 */
export const renderText = (letter: Letter): string =>
  [
    letter.greeting,
    ...letter.blocks.map(blockText),
    letter.signOff.join('\n'),
    `-- \n${letter.footer.map((line) => line.map(inlineText).join('')).join('\n')}`,
  ].join('\n\n') + '\n'

const lines = (text: string) => escapeHtml(text).replace(/\n/g, '<br>')

const inlineHtml = (part: Inline): string =>
  typeof part === 'string'
    ? lines(part)
    : `<a href="${escapeHtml(part.href)}" style="color:#0b4f8a">${escapeHtml(part.text)}</a>`

const p = (content: string, style = '') => `<p style="margin:0 0 16px${style}">${content}</p>`

const blockHtml = (block: Block): string => {
  switch (block.type) {
    case 'paragraph':
      return p(block.parts.map(inlineHtml).join(''))
    case 'facts':
      return `<table role="presentation" style="margin:0 0 16px;border-collapse:collapse">${block.rows
        .map(
          ([label, value]) =>
            `<tr><th scope="row" style="text-align:left;padding:2px 12px 2px 0;font-weight:normal;color:#555">${lines(label)}</th>` +
            `<td style="padding:2px 0;font-weight:bold">${lines(value)}</td></tr>`,
        )
        .join('')}</table>`
    case 'action':
      return (
        p(
          `<a href="${escapeHtml(block.href)}" style="display:inline-block;padding:12px 20px;background:#0b4f8a;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold">${escapeHtml(block.text)}</a>`,
        ) +
        p(
          `${lines(block.fallback)} <span style="word-break:break-all">${escapeHtml(block.shown ?? block.href)}</span>`,
          ';font-size:13px;color:#555',
        )
      )
    case 'quote':
      return `<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #d9d9d9;color:#333">${lines(block.text)}</blockquote>`
  }
}

/**
 * The HTML part: one column, readable without images or styles (every style is inline,
 * as mail clients drop style sheets), in the message's language.
 */
export const renderHtml = (letter: Letter, language: Language): string =>
  [
    '<!doctype html>',
    `<html lang="${language}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(letter.subject)}</title></head>`,
    '<body style="margin:0;padding:24px 12px;background:#f4f4f1;color:#1d1d1b;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">',
    '<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff">',
    p(escapeHtml(letter.greeting)),
    ...letter.blocks.map(blockHtml),
    p(letter.signOff.map(escapeHtml).join('<br>')),
    '<hr style="border:none;border-top:1px solid #d9d9d9;margin:24px 0 16px">',
    ...letter.footer.map((line) => p(line.map(inlineHtml).join(''), ';font-size:13px;color:#555')),
    '</div>',
    '</body>',
    '</html>',
  ].join('\n')
