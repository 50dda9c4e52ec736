// Browser test in real Chromium of a complaint: a team manager records a
// complaint about their team received three weeks ago, sees its Stage 1
// response (CMPL-005) due on their worklist with the complainant's name,
// follows the line to the complaint's page, records the response there and
// the line leaves the worklist. The service manager finds the adoption
// Statement of Purpose's overdue review (GOV-029) on the agency records.
// Every page visited is checked with axe-core for WCAG 2.2 AA and
// screenshots are saved under target/screenshots/complaints-*.png.
//
// Run with `npm run browser-tests` after `cargo build`.

import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, launchBrowser, accessible, shot, signIn, randomPort, submit } from './harness.mjs'

let browser
let folder
let server
let base

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'complaints-browser-'))
  browser = await launchBrowser()
  const database = `sqlite:${join(folder, 'c.sqlite3')}`
  server = await startServer(['--demo', '--demo-children', '200', '--database', database], randomPort(9300, 100))
  base = server.base
})

after(async () => {
  await browser?.close()
  await server?.stop()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

/** A page signed in as the user, in a browser context of their own. */
async function as (base, username) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, base, username)
  return page
}

/** "27/03/2026" as a Date (UTC). */
function parseUk (text) {
  const [d, m, y] = text.split('/').map(Number)
  return new Date(Date.UTC(y, m - 1, d))
}

/** A Date as "27/03/2026". */
function uk (date) {
  return `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`
}

test('a team manager records a complaint, answers it from its worklist line and the line leaves the worklist', async () => {
  const manager = await as(base, 'team-manager.demo')
  await manager.goto(`${base}/complaints`)
  await accessible(manager, 'the complaints list')
  const today = parseUk(await manager.inputValue('#receive-date'))
  const received = new Date(today.getTime() - 21 * 86400000)
  await manager.fill('#receive-name', 'Robin Testcomplainant')
  await manager.selectOption('#receive-complainant_is', 'parent')
  await manager.fill('#receive-date', uk(received))
  await submit(manager, '#receive-submit')
  const banner = await manager.locator('.govuk-notification-banner').innerText()
  const id = banner.match(/Complaint (CMP\d{5}) was recorded/)[1]
  await accessible(manager, 'the complaint recorded')

  // ------------------------------------------------------ the worklist
  await manager.goto(`${base}/worklist`)
  const line = manager.locator(`main table tbody tr:has-text("Complaint ${id} from Robin Testcomplainant")`)
  assert.equal(await line.count(), 1, 'the Stage 1 response is on the worklist')
  assert.match(await line.innerText(), /CMPL-005/)
  await accessible(manager, 'the worklist with the complaint')
  await shot(manager, 'complaints-worklist')

  // ------------------------------------------------------ the response
  await Promise.all([manager.waitForNavigation(), line.locator('a').first().click()])
  await manager.waitForSelector(`h1:has-text("Complaint ${id}")`)
  await accessible(manager, 'the complaint')
  await submit(manager, '#step-respond_stage_one-submit')
  assert.match(await manager.locator('.govuk-notification-banner').innerText(), /Recorded/)
  assert.match(await manager.locator('main').innerText(), /Stage 1 answered/)
  await shot(manager, 'complaints-answered')

  await manager.goto(`${base}/worklist`)
  assert.equal(await manager.locator(`main table tbody tr:has-text("Complaint ${id}")`).count(), 0, 'the line left the worklist')

  // ------------------------------------------------------ the service's own
  const service = await as(base, 'service-manager.demo')
  await service.goto(`${base}/agency`)
  const sop = service.locator('main table tbody tr:has-text("Adoption Statement of Purpose")')
  assert.match(await sop.innerText(), /Overdue by \d+ days/)
  await accessible(service, 'the agency records')
  await service.goto(`${base}/worklist`)
  assert.equal(await service.locator('main table tbody tr:has-text("Adoption Statement of Purpose")').count(), 1)
})

test('a complaint escalates from Stage 1 to Stage 2 with an extension, and the year\'s figures count it', async () => {
  const manager = await as(base, 'complaints-manager.demo')
  await manager.goto(`${base}/complaints`)
  await manager.fill('#receive-name', 'Jordan Testescalation')
  await manager.selectOption('#receive-complainant_is', 'child')
  await submit(manager, '#receive-submit')
  const id = (await manager.locator('.govuk-notification-banner').innerText()).match(/Complaint (CMP\d{5}) was recorded/)[1]
  await manager.goto(`${base}/complaints/${id}`)
  await accessible(manager, 'a complaint at Stage 1')

  // ------------------------------------------------------ the extension
  await submit(manager, '#step-agree_extension-submit')
  assert.match(await manager.locator('main').innerText(), /Stage 1: extension agreed/)
  await accessible(manager, 'the complaint with its extension')

  // ------------------------------------------------------ Stage 2
  await submit(manager, '#step-request_stage_two-submit')
  assert.match(await manager.locator('.govuk-error-summary').innerText(), /Investigating Officer and an Independent Person/)
  await accessible(manager, 'the Stage 2 request refused without investigators')
  await manager.fill('#step-request_stage_two-investigating_officer', 'Ivy Investigator')
  await manager.fill('#step-request_stage_two-independent_person', 'Ian Independent')
  await submit(manager, '#step-request_stage_two-submit')
  const main = await manager.locator('main').innerText()
  assert.match(main, /Stage 2 investigation/)
  assert.match(main, /CMPL-007/)
  assert.match(main, /Stage 1 extension agreed with the complainant/)
  await accessible(manager, 'the complaint at Stage 2')
  await shot(manager, 'complaints-stage-two')

  // ------------------------------------------------------ the year
  await manager.goto(`${base}/complaints/annual`)
  assert.match(await manager.locator('main').innerText(), /Stage 2 investigations requested/)
  await accessible(manager, 'the complaints year')
  await shot(manager, 'complaints-year')
})
