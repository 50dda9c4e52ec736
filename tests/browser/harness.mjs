// Shared helpers for the browser tests: start the server, launch Debian's
// Chromium, check a page with axe-core, save a screenshot, sign in.
//
// Not a test file itself (node --test only runs *.test.mjs here).

import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import zlib from 'node:zlib'

export const root = resolve(import.meta.dirname, '..', '..')
export const binary = join(root, 'target', 'debug', 'permanence')
export const shots = join(root, 'target', 'screenshots')
const axeSource = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')

/** The demo users' password. */
export const password = 'permanence-demo'

/** A port unlikely to be taken by another test file running at the same time. */
export function randomPort (from = 8700, span = 200) {
  return from + Math.floor(Math.random() * span)
}

async function waitForHealth (base, child) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before answering /health`)
    try {
      const r = await fetch(`${base}/health`)
      if (r.ok) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error('the server did not answer /health within 60 seconds')
}

/**
 * Starts `permanence serve` with the given arguments (plus `--port`) and
 * waits until it answers /health. Returns { base, stop }; `stop()` resolves
 * once the process has exited.
 */
export async function startServer (args, port = randomPort()) {
  assert.ok(existsSync(binary), `build the binary first (cargo build): ${binary} is missing`)
  mkdirSync(shots, { recursive: true })
  const child = spawn(binary, ['serve', ...args, '--port', String(port)], {
    stdio: ['ignore', 'ignore', 'inherit']
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const base = `http://127.0.0.1:${port}`
  await waitForHealth(base, child)
  return {
    base,
    async stop () {
      if (child.exitCode === null && child.signalCode === null) child.kill()
      await exited
    }
  }
}

export async function launchBrowser () {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
}

/** Runs axe-core on the page and fails on any WCAG 2.2 A/AA violation. */
export async function accessible (page, name) {
  await page.evaluate(axeSource)
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }
  }))
  const problems = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`)
  assert.deepEqual(problems, [], `axe-core found violations on ${name}`)
}

export async function shot (page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true })
}

/** Signs in on the sign-in page the site sends a signed-out visitor to. */
export async function signIn (page, base, username) {
  await page.goto(`${base}/`)
  assert.match(page.url(), /\/sign-in/)
  await page.fill('#username', username)
  await page.fill('#password', password)
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')])
  assert.doesNotMatch(page.url(), /\/sign-in/, `${username} could not sign in`)
}

/**
 * The text of a PDF that Chromium printed (page.pdf), as a reader would
 * copy it: each page's content streams decompressed, each glyph mapped to
 * its characters through its font's ToUnicode map, in drawing order. Only
 * what Chromium writes is read (Flate streams, Type0 fonts with 2-byte
 * codes, literal strings for simple fonts); not a general PDF reader.
 */
export function pdfText (buffer) {
  const { inflateSync } = zlib
  const raw = buffer.toString('latin1')
  const objects = new Map()
  for (const m of raw.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objects.set(Number(m[1]), m[2])
  const stream = (n) => {
    const body = objects.get(n) ?? ''
    const s = body.match(/stream\r?\n([\s\S]*)\r?\nendstream/)
    if (!s) return ''
    const bytes = Buffer.from(s[1], 'latin1')
    try { return /FlateDecode/.test(body) ? inflateSync(bytes).toString('latin1') : s[1] } catch { return '' }
  }
  const hexChars = (hex) => { let out = ''; for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCodePoint(parseInt(hex.slice(i, i + 4), 16)); return out }
  const cmaps = new Map()
  const cmapOf = (font) => {
    if (cmaps.has(font)) return cmaps.get(font)
    const map = new Map()
    const ref = (objects.get(font) ?? '').match(/\/ToUnicode (\d+) 0 R/)
    const text = ref ? stream(Number(ref[1])) : ''
    for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(m[1], 16), hexChars(m[2]))
    }
    for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
        const [from, to] = [parseInt(m[1], 16), parseInt(m[2], 16)]
        if (m[3].startsWith('<')) {
          const start = parseInt(m[3].slice(1, -1), 16)
          for (let c = from; c <= to; c++) map.set(c, String.fromCodePoint(start + c - from))
        } else {
          const list = [...m[3].matchAll(/<([0-9A-Fa-f]+)>/g)].map((x) => hexChars(x[1]))
          for (let c = from; c <= to; c++) map.set(c, list[c - from] ?? '')
        }
      }
    }
    const wide = /Type0/.test(objects.get(font) ?? '')
    cmaps.set(font, { map, wide })
    return cmaps.get(font)
  }
  const decode = (font, hex) => {
    const { map, wide } = font ? cmapOf(font) : { map: new Map(), wide: false }
    const step = wide ? 4 : 2
    let out = ''
    for (let i = 0; i + step <= hex.length; i += step) {
      const code = parseInt(hex.slice(i, i + step), 16)
      out += map.get(code) ?? (wide ? '' : String.fromCharCode(code))
    }
    return out
  }
  const literal = (s) => s.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e) => /[0-7]/.test(e[0]) ? String.fromCharCode(parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }[e] ?? e))
  let text = ''
  for (const [, body] of objects) {
    if (!/\/Type\s*\/Page[^s]/.test(body)) continue
    let resources = body
    const resRef = body.match(/\/Resources (\d+) 0 R/)
    if (resRef) resources = objects.get(Number(resRef[1])) ?? ''
    const fonts = new Map()
    let fontDict = resources.match(/\/Font\s*<<([\s\S]*?)>>/)?.[1]
    const fontRef = resources.match(/\/Font (\d+) 0 R/)
    if (!fontDict && fontRef) fontDict = objects.get(Number(fontRef[1])) ?? ''
    for (const m of (fontDict ?? '').matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) fonts.set(m[1], Number(m[2]))
    const contents = body.match(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/)?.[1] ?? ''
    for (const c of contents.matchAll(/(\d+) 0 R/g)) {
      let font
      for (const op of stream(Number(c[1])).matchAll(/\/([\w.+-]+)\s+[\d.]+\s+Tf|\[((?:[^\]\\]|\\.)*)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|\(((?:[^)\\]|\\.)*)\)\s*Tj|(T\*|Td|TD|Tm|ET)\b/g)) {
        if (op[1]) font = fonts.get(op[1])
        else if (op[2] !== undefined) {
          for (const part of op[2].matchAll(/<([0-9A-Fa-f]*)>|\(((?:[^)\\]|\\.)*)\)|(-?[\d.]+)/g)) {
            if (part[1] !== undefined) text += decode(font, part[1])
            else if (part[2] !== undefined) text += literal(part[2])
            else if (Number(part[3]) < -200) text += ' '
          }
        } else if (op[3] !== undefined) text += decode(font, op[3])
        else if (op[4] !== undefined) text += literal(op[4])
        else text += op[5] === 'ET' ? '\n' : ' '
      }
    }
    text += '\n\f'
  }
  return text
}

/** Clicks a submit button or a link and waits for the page that comes back. */
export async function submit (page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)])
}

/** The error summary's text, or an empty string. */
export async function errors (page) {
  const summary = page.locator('.govuk-error-summary')
  return (await summary.count()) ? (await summary.innerText()).trim() : ''
}

/** The status tag under the page heading. */
export async function tag (page) {
  return (await page.locator('main .govuk-tag').first().innerText()).trim()
}
