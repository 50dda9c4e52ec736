// Casework in real Chromium on the demo council, every page checked with
// axe-core: a social worker opens "My cases", records a visit from its
// worklist row and the row leaves the list; the health practitioner records
// a health assessment; a team manager sees the team's worklist grouped by
// child; an amended review moves the deadlines that follow it; a case note
// is amended with a reason, keeping its earlier words, and withdrawn.
//
// Run with `npm run browser-tests` after `cargo build`.

import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, launchBrowser, accessible, shot, signIn, randomPort } from './harness.mjs'

let server
let base
let browser
let folder

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'permanence-casework-'))
  server = await startServer(['--demo', '--demo-children', '300', '--database', `sqlite:${join(folder, 'c.sqlite3')}`], randomPort(8900, 100))
  base = server.base
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await server?.stop()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

async function as (username) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, base, username)
  return page
}

/** The hrefs of the worklist's links to the forms that clear its rows. */
async function recordLinks (page) {
  return page.$$eval('a.app-record-link', (links) => links.map((a) => a.getAttribute('href')))
}

/** The due date shown on the child's record for a deadline. */
async function dueOf (page, title) {
  const row = page.locator('table tr', { has: page.locator(`td:text-is("${title}")`) }).first()
  return (await row.locator('td').nth(2).innerText()).trim()
}

let child

test('a social worker opens My cases, records a visit from its worklist row and the row leaves the list', async () => {
  const page = await as('social-worker.demo')
  // The caseload is "My cases" too, each next deadline leading to its form.
  await page.goto(`${base}/`)
  await page.waitForSelector('h1:has-text("my cases")')
  assert.ok(await page.locator('a.app-record-link').count() > 0, 'the caseload leads to the forms')
  await accessible(page, 'My cases (caseload)')
  await page.goto(`${base}/worklist`)
  await page.waitForSelector('h1:has-text("Worklist: my cases")')
  await accessible(page, 'My cases')
  await shot(page, 'my-cases')
  let links = (await recordLinks(page)).filter((h) => h.endsWith('kind=social_worker_visit'))
  if (links.length === 0) {
    await page.goto(`${base}/worklist?view=team&rule=TRACK-015`)
    links = (await recordLinks(page)).filter((h) => h.endsWith('kind=social_worker_visit'))
  }
  assert.ok(links.length > 0, 'a visit is due on the worklist')
  const href = links[0]
  child = href.split('/')[2]
  const listed = page.url()
  await page.click(`a.app-record-link[href="${href}"]`)
  await page.waitForSelector('h3:has-text("Social worker visit")')
  await accessible(page, 'the visit form')
  // Without the answers: the error summary, each error beside its field.
  await page.click('#record-submit')
  await page.waitForSelector('.govuk-error-summary')
  assert.match(await page.innerText('.govuk-error-summary'), /Select yes if the child was seen alone/)
  await accessible(page, 'the visit form with errors')
  await page.check('#record-seen_alone')
  await page.check('#record-bedroom_seen')
  await page.check('#record-place')
  await page.click('#record-submit')
  await page.waitForSelector('.govuk-notification-banner--success')
  assert.match(await page.innerText('.govuk-notification-banner--success'), /Social worker visit recorded/)
  await accessible(page, 'the visit recorded')
  await shot(page, 'visit-recorded')
  await page.goto(listed)
  assert.ok(!(await recordLinks(page)).includes(href), 'the row left the worklist')
  await page.context().close()
})

test('the health practitioner records a health assessment and it shows on the child\'s timeline', async () => {
  assert.ok(child, 'the first test found a child')
  const page = await as('health-practitioner.demo')
  await page.goto(`${base}/children/${child}`)
  await page.click('#record-activity')
  await page.waitForSelector('h3:has-text("Health assessment")')
  await accessible(page, 'the health assessment form')
  await page.check('#record-assessment_type')
  await page.fill('#record-sdq_score', '14')
  for (const q of ['dental_check', 'optical_check', 'immunisations']) await page.check(`#record-${q}`)
  await page.click('#record-submit')
  await page.waitForSelector('.govuk-notification-banner--success')
  assert.match(await page.innerText('main'), /Strengths and Difficulties Questionnaire score \(optional\) 14/)
  await accessible(page, 'the health assessment recorded')
  await page.goto(`${base}/children/${child}`)
  assert.match(await page.innerText('.app-timeline'), /Health assessment/)
  await page.context().close()
})

test('a team manager sees the team\'s worklist grouped by child', async () => {
  const page = await as('team-manager.demo')
  await page.goto(`${base}/worklist`)
  await page.waitForSelector('h1:has-text("team")')
  await accessible(page, 'the team worklist')
  await shot(page, 'team-worklist')
  const ids = await page.$$eval('section.app-worklist-child', (s) => s.map((e) => e.id))
  assert.ok(ids.length > 0, 'children on the team worklist')
  assert.equal(new Set(ids).size, ids.length, 'each child once')
  const tags = await page.$$eval('section.app-worklist-child .govuk-tag', (t) => t.map((e) => e.innerText))
  assert.ok(tags.every((t) => /^(Overdue by|Due )/i.test(t)), tags.join(', '))
  await page.context().close()
})

test('an amended review moves the deadlines that follow it', async () => {
  assert.ok(child, 'the first test found a child')
  const page = await as('social-worker.demo')
  await page.goto(`${base}/children/${child}`)
  const before = await dueOf(page, 'Review of arrangements')
  await page.goto(`${base}/children/${child}/reviews`)
  await accessible(page, 'the reviews')
  await page.click('table tbody tr:first-child a')
  await page.waitForSelector('h1:has-text("Review on")')
  await accessible(page, 'a review')
  const held = await page.inputValue('#amend-on')
  const [d, m, y] = held.split('/').map(Number)
  const earlier = new Date(Date.UTC(y, m - 1, d - 3))
  await page.fill('#amend-on', `${earlier.getUTCDate()}/${earlier.getUTCMonth() + 1}/${earlier.getUTCFullYear()}`)
  await page.fill('#amend-reason', 'The review was held on the Monday')
  await page.click('#amend-submit')
  await page.waitForSelector('.govuk-notification-banner--success')
  await accessible(page, 'the review amended')
  await shot(page, 'review-amended')
  await page.goto(`${base}/children/${child}`)
  const after = await dueOf(page, 'Review of arrangements')
  assert.notEqual(after, before, `the next review (due ${before}) moved`)
  await page.context().close()
})

test('a case note is written, amended with a reason that keeps its earlier words, then withdrawn and kept', async () => {
  assert.ok(child, 'the first test found a child')
  const page = await as('social-worker.demo')
  await page.goto(`${base}/children/${child}`)
  await page.click('a:has-text("Chronology and case notes")')
  await page.waitForSelector('#note-text')
  await page.fill('#note-text', 'Met the child after school; talked about contact with their brother')
  await page.click('#note-submit')
  await page.waitForSelector('.govuk-notification-banner--success')
  await accessible(page, 'the chronology with a note')
  await page.click('a:has-text("Case note by")')
  await page.waitForSelector('#amend-text')
  await accessible(page, 'the case note')
  await page.fill('#amend-text', 'Met the child at home; talked about contact with their brother')
  // Without a reason: the error summary, and nothing changes.
  await page.click('#amend-submit')
  await page.waitForSelector('.govuk-error-summary')
  assert.match(await page.innerText('.govuk-error-summary'), /Enter why the case note is being amended/)
  await accessible(page, 'the amendment with an error')
  await page.fill('#amend-reason', 'We met at home, not after school')
  await page.click('#amend-submit')
  await page.waitForSelector('.govuk-notification-banner--success')
  const text = await page.innerText('main')
  assert.match(text, /Met the child at home/)
  assert.match(text, /Met the child after school/, 'the earlier version is kept')
  assert.match(text, /We met at home, not after school/, 'with the reason')
  await accessible(page, 'the case note amended')
  await page.fill('#withdraw-reason', 'Written on the wrong child')
  await page.click('#withdraw-submit')
  await page.waitForSelector('.govuk-notification-banner--success')
  assert.match(await page.innerText('main'), /Withdrawn/)
  assert.equal(await page.locator('#amend-submit').count(), 0, 'a withdrawn note is not amended')
  await accessible(page, 'the case note withdrawn')
  await shot(page, 'case-note-withdrawn')
  await page.context().close()
})
