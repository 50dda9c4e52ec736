// Browser test in real Chromium of a child's family finding for adoption
// (ADOPT-013 .. ADOPT-025, RAA-005): a family finder opens the regional
// agency's figures, picks a child on the regional tracker, and on the
// child's family-finding page records a discussion, the month's update, the
// regional search, the profile (refused without consent, then below
// standard), and a Discovery Event; then records the child at a regional
// meeting. Every page visited is checked with axe-core for WCAG 2.2 AA;
// screenshots under target/screenshots/adoption-child-*.png.
//
// Run with `node --test tests/browser/adoption_child.test.mjs` after `cargo build -p cli`.

import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, launchBrowser, accessible, shot, signIn, randomPort, submit, errors } from './harness.mjs'

let browser
let folder
let server

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'adoption-child-browser-'))
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await server?.stop()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

/** Submits a form of the page and checks the success banner. */
async function recorded (page, form, what) {
  await submit(page, `#${form}-submit`)
  assert.equal(await errors(page), '', what)
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /recorded/i, what)
}

test('a family finder records a child\'s family-finding steps and the regional meeting', async () => {
  const database = `sqlite:${join(folder, 'a.sqlite3')}`
  server = await startServer(['--demo', '--demo-children', '200', '--database', database], randomPort(9500, 100))
  const base = server.base
  const context = await browser.newContext()
  const ff = await context.newPage()
  await signIn(ff, base, 'family-finder.demo')

  // ------------------------------------------------------ the agency's figures
  await ff.goto(`${base}/adoption/agency/figures`)
  await accessible(ff, 'the regional agency figures')
  await shot(ff, 'adoption-child-figures')
  // The section's heading carries the rule; its table follows in a scrolling region.
  // A child on the tracker under a placement order (family finding active).
  const rows = ff.locator('div[aria-label="Regional family-finding tracker (scrolls sideways)"] tbody tr')
  let child = ''
  for (let i = 0; i < await rows.count() && !child; i++) {
    const cells = rows.nth(i).locator('td')
    if ((await cells.nth(4).innerText()).trim() !== '') child = (await cells.nth(0).innerText()).trim()
  }
  assert.match(child, /\S/, 'a child under a placement order on the regional tracker')

  // ------------------------------------------------------ family finding
  await ff.goto(`${base}/children/${child}/adoption/family-finding`)
  await accessible(ff, 'the child\'s family finding')
  await recorded(ff, 'discussion', 'the discussion')
  await submit(ff, '#monthly_log-submit')
  assert.match(await errors(ff), /tick what was done/i)
  await accessible(ff, 'the monthly update with its error')
  await ff.check('#monthly_log-adopters_considered')
  await ff.check('#monthly_log-regional_meeting')
  await recorded(ff, 'monthly_log', 'the monthly update')
  await ff.selectOption('#search-level', 'regional')
  await recorded(ff, 'search', 'the regional search')
  await ff.fill('#profile-photos', '6')
  await submit(ff, '#profile-submit')
  assert.match(await errors(ff), /consent/)
  await ff.fill('#profile-photos', '6')
  await ff.check('#profile-consent')
  await recorded(ff, 'profile', 'the profile')
  assert.match(await ff.locator('div[aria-label="Where the pathway stands (scrolls sideways)"]').innerText(), /Profile below standard/)
  await ff.selectOption('#event-event_kind', 'discovery')
  await ff.fill('#event-event_time', '09:00')
  await recorded(ff, 'event', 'the Discovery Event')
  assert.match(await ff.locator('div[aria-label="Where the pathway stands (scrolls sideways)"]').innerText(), /link until/)
  await shot(ff, 'adoption-child-family-finding')

  // ------------------------------------------------------ the regional meeting
  await ff.goto(`${base}/adoption/agency`)
  await accessible(ff, 'the regional agency')
  await ff.selectOption('#meeting-council', { index: 0 })
  await ff.fill('#meeting-reference', child)
  await ff.check('#meeting-match_identified')
  await submit(ff, '#meeting-submit')
  assert.equal(await errors(ff), '')
  assert.match(await ff.locator('div[aria-label="Regional family-finding meetings (scrolls sideways)"]').innerText(), new RegExp(child))
  await shot(ff, 'adoption-child-agency')
})
