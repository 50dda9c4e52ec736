// Shared helpers for the browser tests: start the server, launch Debian's
// Chromium, check a page with axe-core, save a screenshot, sign in.
//
// Not a test file itself (node --test only runs *.test.mjs here).

import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'

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
