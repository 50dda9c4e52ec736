// Browser test in real Chromium of mainstream foster carers: a supervising
// social worker takes an applicant from enquiry through the initial visit,
// the PTAD and the Form F (refused first without a Stage 1 paper) to the
// fostering panel; the panel adviser records the panel's recommendation
// and the agency decision maker approves them with their terms. Then the
// supervising social worker finds a carer's visit due on the worklist and
// records it on the carer's page, and reads the carers list's caseloads;
// the new carer's allegation waits for the LADO referral. Every page visited is checked with
// axe-core for WCAG 2.2 AA; screenshots are saved under
// target/screenshots/fostering-*.png.
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

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'fostering-browser-'))
  browser = await launchBrowser()
  const database = `sqlite:${join(folder, 'f.sqlite3')}`
  server = await startServer(['--demo', '--demo-children', '1000', '--database', database], randomPort(9300, 100))
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

/** "27/03/2026" as a Date (UTC), and back. */
function parseUk (text) {
  const [d, m, y] = text.split('/').map(Number)
  return new Date(Date.UTC(y, m - 1, d))
}

function uk (date) {
  return `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`
}

async function recorded (page) {
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Recorded/)
}

test('a mainstream applicant goes from enquiry through the Form F and the fostering panel to approval with terms', async () => {
  const base = server.base
  const ssw = await as(base, 'supervising-social-worker.demo')
  await ssw.goto(`${base}/households/new`)
  await ssw.fill('#household-name', 'The Adebayo family')
  await ssw.selectOption('#household-team', 'Fostering')
  await ssw.selectOption('#household-role', 'foster_carer')
  await ssw.fill('#household-address', '3 Station Road')
  await ssw.fill('#household-postcode', 'LE3 8RA')
  await submit(ssw, '#household-submit')
  await ssw.waitForSelector('h1:has-text("The Adebayo family")')
  await submit(ssw, 'a:has-text("Foster carer\'s page")')
  const carerUrl = ssw.url()
  assert.match(carerUrl, /\/fostering\/carers\/H\d{5}-R1$/)
  await accessible(ssw, 'a new applicant\'s page')

  // The enquiry, answered within the hour, and the initial visit.
  await ssw.selectOption('#step-record_enquiry-channel', 'book_a_chat')
  await ssw.fill('#step-record_enquiry-time', '10:00')
  await ssw.fill('#step-record_enquiry-replied_time', '10:40')
  await submit(ssw, '#step-record_enquiry-submit')
  await recorded(ssw)
  await ssw.fill('#step-visit-time', '09:30')
  await ssw.fill('#step-visit-report_time', '16:00')
  await submit(ssw, '#step-visit-submit')
  await recorded(ssw)
  const summary = await ssw.locator('main').innerText()
  assert.match(summary, /Reply to the enquiry \(2 hours\)\s+Met/)
  assert.match(summary, /Initial visit report \(48 hours\)\s+Met/)
  // FOST-007: at panel within 6 months of the initial visit.
  assert.match(summary, /Fostering applicant at panel within 6 months of the initial visit/)
  await submit(ssw, '#step-proceed-submit')
  await recorded(ssw)

  // The Form F does not start without every Stage 1 paper (FOST-006).
  const today = parseUk(await ssw.inputValue('#step-start_form_f-date'))
  const panel = new Date(today.getTime() + 16 * 7 * 86400000)
  for (const paper of ['application', 'dbs', 'medical', 'local_authority']) {
    await ssw.check(`#step-start_form_f-paper_${paper}`)
  }
  await ssw.fill('#step-start_form_f-panel_date', uk(panel))
  await submit(ssw, '#step-start_form_f-submit')
  assert.match(await ssw.locator('.govuk-error-summary').innerText(), /Referees.*is missing/)
  await accessible(ssw, 'the Form F refused without the referees')
  await shot(ssw, 'fostering-stage-one-refused')
  for (const paper of ['application', 'referees', 'dbs', 'medical', 'local_authority']) {
    await ssw.check(`#step-start_form_f-paper_${paper}`)
  }
  await ssw.fill('#step-start_form_f-panel_date', uk(panel))
  await submit(ssw, '#step-start_form_f-submit')
  await recorded(ssw)
  assert.match(await ssw.locator('main').innerText(), /Form F assessment completed/)

  // Skills to Foster and the applicant's agreement before panel (FOST-010, FOST-009).
  await ssw.fill('#step-complete_form_f-skills_to_foster', uk(today))
  await ssw.fill('#step-complete_form_f-applicant_agreed', uk(today))
  await submit(ssw, '#step-complete_form_f-submit')
  await recorded(ssw)
  await accessible(ssw, 'the applicant at panel')

  // The panel, then the agency decision within 7 days (FOST-015).
  const adviser = await as(base, 'panel-adviser.demo')
  await adviser.goto(carerUrl)
  await accessible(adviser, 'the applicant before the panel')
  await adviser.selectOption('#step-recommend-recommendation', 'approve')
  await submit(adviser, '#step-recommend-submit')
  await recorded(adviser)
  assert.match(await adviser.locator('main').innerText(), /Agency decision after the fostering panel\s+FOST-015/)

  const adm = await as(base, 'agency-decision-maker.demo')
  await adm.goto(carerUrl)
  await adm.fill('#step-approve-age_from', '0')
  await adm.fill('#step-approve-age_to', '11')
  await adm.fill('#step-approve-children', '2')
  await adm.selectOption('#step-approve-kind', 'short_term')
  await submit(adm, '#step-approve-submit')
  assert.match(await adm.locator('main').innerText(), /no longer before the panel/)
  await accessible(adm, 'the decision recorded')
  await ssw.goto(carerUrl)
  const approved = await ssw.locator('main').innerText()
  assert.match(approved, /Terms of approval\s+2 children aged 0 to 11, short-term/)
  assert.doesNotMatch(approved, /FOST-015/)
  await accessible(ssw, 'the approved carer')
  await shot(ssw, 'fostering-approved')

  // An allegation moves on only once the LADO is told (FOST-020), and the
  // chronology keeps it (FOST-021).
  await submit(ssw, '#step-log_allegation-submit')
  await recorded(ssw)
  await submit(ssw, '#step-position_of_trust-submit')
  assert.match(await ssw.locator('.govuk-error-summary').innerText(), /record the LADO referral first/)
  await accessible(ssw, 'the meeting refused before the LADO referral')
  await submit(ssw, '#step-refer_lado-submit')
  await recorded(ssw)
  const chronology = await ssw.locator('table:has(caption:text-is("Chronology")) tbody').innerText()
  assert.match(chronology, /Allegation referred to the LADO/)
  await accessible(ssw, 'the allegation referred to the LADO')
  await shot(ssw, 'fostering-allegation')
})

test('a supervising social worker sees a carer\'s visit and training due on the worklist and records the visit', async () => {
  const base = server.base
  const ssw = await as(base, 'supervising-social-worker.demo')
  await ssw.goto(`${base}/worklist`)
  const line = ssw.locator('main table tbody tr:has-text("monthly visit to the foster carer")').first()
  assert.ok(await line.count(), 'a carer\'s visit is due on the worklist')
  // A course whose attendance is to be recorded is there too (WF-TRAINING).
  const course = 'main table tbody tr:has-text("Record attendance at the training course")'
  assert.ok(await ssw.locator(course).count(), 'a carer\'s training is due on the worklist')
  await accessible(ssw, 'the worklist with carers\' lines')
  await shot(ssw, 'fostering-worklist')
  // The line opens the carer's own page, where the visit is recorded.
  await submit(ssw, 'main table tbody tr:has-text("monthly visit to the foster carer") a >> nth=0')
  assert.match(ssw.url(), /\/fostering\/carers\/H\d{5}-R\d+$/)
  await accessible(ssw, 'an approved carer\'s page')
  // The carer's annual review is on their deadlines, and their training
  // booked (or waiting for a place, TRAIN-003), whatever their stage: a
  // carer under an allegation is still supervised and trained.
  const carer = await ssw.locator('main').innerText()
  assert.match(carer, /Annual foster carer review[^\n]*\s+FOST-012/)
  assert.match(carer, /Training[\s\S]*(Booked|Waitlisted)/)
  await ssw.selectOption('#step-ssw_visit-kind', 'unannounced')
  await submit(ssw, '#step-ssw_visit-submit')
  await recorded(ssw)
  const today = await ssw.inputValue('#step-ssw_visit-date')
  const visits = await ssw.locator('table:has(caption:text-is("Supervising social worker\'s visits")) tbody tr').allInnerTexts()
  assert.match(visits[0], /Unannounced visit/)
  assert.ok(today)
  await accessible(ssw, 'the carer with the visit recorded')
  await shot(ssw, 'fostering-visit')

  // The course's line opens its carer's page, where the attendance is
  // recorded and the course shows completed.
  await ssw.goto(`${base}/worklist`)
  await submit(ssw, `${course} a >> nth=0`)
  assert.match(ssw.url(), /\/fostering\/carers\/H\d{5}-R\d+$/)
  const bookings = await ssw.$$eval('#step-record_training-booking option', os => os.map(o => o.value).filter(v => v))
  assert.ok(bookings.length, 'a booking waits for its attendance')
  await ssw.selectOption('#step-record_training-booking', bookings[0])
  await ssw.selectOption('#step-record_training-attended', 'yes')
  await submit(ssw, '#step-record_training-submit')
  await recorded(ssw)
  const trained = await ssw.locator('table:has(caption:text-is("Training")) tbody').innerText()
  assert.match(trained, /Completed/)
  await accessible(ssw, 'the carer with the course attended')

  // The service's picture of its carers (FOST-023, FOST-030).
  await ssw.goto(`${base}/fostering/carers`)
  assert.match(await ssw.locator('main').innerText(), /Available full time/)
  await accessible(ssw, 'the foster carers list')
})
