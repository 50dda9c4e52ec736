// Browser tests in real Chromium: a social worker signs in, searches, opens a
// child, submits a form with a mistake and sees the error summary, then
// signs out; every page is checked with axe-core for WCAG 2.2 AA, and
// screenshots of the main pages are saved under target/screenshots/.
//
// Run with `npm run browser-tests` after `cargo build` (or `cargo test`);
// scripts/install-browser installs Debian's Chromium if it is missing.

import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, launchBrowser, accessible, shot, signIn as signInAt } from './harness.mjs'

let server
let base
let browser
let folder

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'permanence-browser-'))
  server = await startServer(['--demo', '--demo-children', '300', '--database', `sqlite:${join(folder, 'b.sqlite3')}`])
  base = server.base
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await server?.stop()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

function signIn (page, username) {
  return signInAt(page, base, username)
}

test('a social worker signs in, finds a child in two clicks, records a review and signs out', async () => {
  const page = await browser.newPage()
  await page.goto(`${base}/`)
  await accessible(page, 'the sign-in page')
  await shot(page, 'sign-in')

  await signIn(page, 'social-worker.demo')
  await page.waitForSelector('h1:has-text("Children in care")')
  await accessible(page, 'the caseload')
  await shot(page, 'caseload')

  // Search by the family name of the first child on the list.
  const firstName = await page.textContent('tbody tr:first-child td:first-child a')
  const family = firstName.trim().split(' ').pop()
  await page.fill('#q', family)
  await page.click('button:has-text("Search")')
  await page.waitForSelector(`tbody a:has-text("${family}")`)
  await accessible(page, 'the search results')

  await page.click('tbody tr:first-child td:first-child a')
  await page.waitForSelector('h2:has-text("Care journey")')
  await accessible(page, 'the child record')
  await shot(page, 'child')

  await page.click('a:has-text("Record a review")')
  await page.waitForSelector('h1:has-text("Record a review")')
  await accessible(page, 'the review form')
  await page.fill('#date-day', '31')
  await page.fill('#date-month', '2')
  await page.fill('#date-year', '2026')
  await page.click('button:has-text("Save review")')
  await page.waitForSelector('.govuk-error-summary')
  assert.match(await page.textContent('.govuk-error-summary'), /must be a real date/)
  assert.match(await page.title(), /^Error: /)
  await accessible(page, 'the review form with errors')
  await shot(page, 'review-errors')

  const today = new Date()
  await page.fill('#date-day', String(today.getDate()))
  await page.fill('#date-month', String(today.getMonth() + 1))
  await page.fill('#date-year', String(today.getFullYear()))
  await page.check('#participation-PN1')
  await page.click('button:has-text("Save review")')
  await page.waitForSelector('.govuk-panel--confirmation')
  await accessible(page, 'the confirmation page')

  await page.goto(`${base}/worklist`)
  await page.waitForSelector('h1:has-text("Worklist")')
  await accessible(page, 'the worklist')
  await shot(page, 'worklist')

  await page.click('button:has-text("Sign out")')
  await page.waitForSelector('h1:has-text("Sign in")')
  await page.goto(`${base}/`)
  assert.match(page.url(), /\/sign-in/)
  await page.close()
})

test('the auditor reads the audit log, which shows the social worker\'s reads', async () => {
  const page = await browser.newPage()
  await signIn(page, 'auditor.demo')
  await page.waitForSelector('h1:has-text("Audit log")')
  await accessible(page, 'the audit log')
  await shot(page, 'audit')
  await page.click('a:has-text("Subject access")')
  await accessible(page, 'the subject access form')
  await page.fill('#child', 'C0000001')
  await page.click('button:has-text("Show everything held")')
  await page.waitForSelector('h2:has-text("Episodes of care")')
  await accessible(page, 'the subject access record')
  await shot(page, 'subject-access')
  await page.close()
})

test('a page the role may not see is refused, accessibly', async () => {
  const page = await browser.newPage()
  await signIn(page, 'performance-analyst.demo')
  const response = await page.goto(`${base}/children`)
  assert.equal(response.status(), 403)
  await accessible(page, 'the refusal page')
  await page.close()
})
