// Browser test in real Chromium of the permanence journey for long-term
// fostering: a social worker completes a draft plan (its task list), the Independent
// Reviewing Officer ratifies it at review, the referral to the Permanence
// Panel gathers its pack (with Pack F, family finding) and is refused a
// listing while a paper is missing, the team manager endorses it, the panel
// adviser lists it; then, on the day of the meeting (a second server on the
// same database with --today), the panel records attendance and its
// recommendation and the agency decision maker agrees it. Every page visited
// is checked with axe-core for WCAG 2.2 AA and screenshots are saved under
// target/screenshots/permanence-*.png.
//
// Run with `npm run browser-tests` after `cargo build`.

import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, launchBrowser, accessible, shot, signIn, randomPort, submit, errors, tag } from './harness.mjs'
import { completePlan } from './plan_sections.mjs'

let browser
let folder
let server

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'permanence-browser-'))
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await server?.stop()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** "9 December 2026" as "2026-12-09". */
function isoDate (long) {
  const m = long.trim().match(/^(\d{1,2}) ([A-Z][a-z]+) (\d{4})$/)
  assert.ok(m, `"${long}" is not a date like 9 December 2026`)
  const month = MONTHS.indexOf(m[2]) + 1
  assert.ok(month > 0, `"${m[2]}" is not a month`)
  return `${m[3]}-${String(month).padStart(2, '0')}-${m[1].padStart(2, '0')}`
}

const follow = submit

/** The value of a summary-list row (<dt>key</dt><dd>value</dd>) under a section heading. */
async function row (page, key) {
  const dd = page.locator(`.govuk-summary-list__row:has(dt.govuk-summary-list__key:text-is("${key}")) dd`)
  return (await dd.first().innerText()).trim()
}

/** The rows of the pack checklist table: [[paper, received, by], ...]. */
async function checklist (page) {
  const rows = page.locator('table:has(caption:text-is("Pack checklist")) tbody tr')
  const out = []
  for (let i = 0; i < await rows.count(); i++) {
    out.push((await rows.nth(i).locator('td').allInnerTexts()).map((t) => t.trim()))
  }
  return out
}

/** A page signed in as the user, in a browser context of their own. */
async function as (base, username) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, base, username)
  return page
}

test('a long-term fostering plan goes from draft, through ratification and a panel referral with a complete Pack F, to the agency decision', async () => {
  const database = `sqlite:${join(folder, 'p.sqlite3')}`
  server = await startServer(['--demo', '--demo-children', '300', '--database', database], randomPort(8900, 100))
  let base = server.base

  // ---------------------------------------------------------------- the plan
  const worker = await as(base, 'social-worker.demo')
  await worker.goto(`${base}/tracking?flag=b`)
  await worker.waitForSelector('h1:has-text("Permanence tracking")')
  await accessible(worker, 'the tracking list (drift b)')
  await shot(worker, 'permanence-tracking')
  const listed = (await worker.locator('main').innerText()).match(/ on (\d{1,2} [A-Z][a-z]+ \d{4}): /)
  assert.ok(listed, 'the tracking page says which day it is')
  const today = isoDate(listed[1])

  const headers = (await worker.locator('table thead th').allInnerTexts()).map((h) => h.trim())
  const statusColumn = headers.indexOf('Status')
  assert.ok(statusColumn >= 0, `the tracking table has a Status column (headers: ${headers.join(', ')})`)
  const rows = worker.locator('table tbody tr')
  let planHref
  for (let i = 0; i < await rows.count(); i++) {
    const cells = rows.nth(i).locator('td')
    if ((await cells.nth(statusColumn).innerText()).trim() === 'Draft') {
      planHref = await cells.first().locator('a').getAttribute('href')
      break
    }
  }
  assert.ok(planHref, 'a child on the list of drift (b) has a draft plan')
  const child = planHref.match(/^\/children\/([^/]+)\/plan$/)?.[1]
  assert.ok(child, `the first cell links to the plan: ${planHref}`)

  await follow(worker, `table tbody a[href="${planHref}"]`)
  await worker.waitForSelector('h1:has-text("Permanence plan")')
  assert.equal(await tag(worker), 'Draft')
  await accessible(worker, 'the draft plan')
  await shot(worker, 'permanence-plan-draft')

  // The plan's sections, one page each, then the check of its answers.
  const nextYear = Number(today.slice(0, 4)) + 1
  await completePlan(worker, base, planHref, nextYear, 'permanence-plan')
  await shot(worker, 'permanence-plan-complete')

  if (await worker.locator('#put-forward-submit').count()) {
    await submit(worker, '#put-forward-submit')
    assert.equal(await errors(worker), '', 'the plan is put forward for ratification')
    await accessible(worker, 'the plan put forward')
  } else {
    await worker.goto(`${base}${planHref}`)
  }
  assert.equal(await row(worker, 'Pathway'), 'Long-term fostering')
  assert.equal(await row(worker, 'Stage'), 'Put forward for ratification')

  // ---------------------------------------------------- ratified at review
  const iro = await as(base, 'independent-reviewing-officer.demo')
  await iro.goto(`${base}${planHref}`)
  await iro.waitForSelector('#step-ratify-submit')
  await accessible(iro, 'the plan, for the IRO')
  await submit(iro, '#step-ratify-submit')
  assert.equal(await errors(iro), '', 'the IRO ratifies the plan')
  assert.equal(await tag(iro), 'Ratified - subject to Permanence Panel')
  const referralLink = iro.locator('table:has(caption:text-is("Panel referrals")) tbody a[href^="/referrals/"]').first()
  const referralHref = await referralLink.getAttribute('href')
  assert.ok(referralHref, 'ratifying an LTF plan refers it to the Permanence Panel')
  await accessible(iro, 'the ratified plan')
  await shot(iro, 'permanence-plan-ratified')

  // ----------------------------------------------------- the pack, part one
  await worker.goto(`${base}${referralHref}`)
  await worker.waitForSelector('h2:has-text("Pack checklist")')
  await accessible(worker, 'the new referral')
  // Family finding starts ticked when the child has been placed less than two
  // years (PATH-019); either way Pack F is in the checklist only when ticked.
  const hasPackF = async () => (await checklist(worker)).some(([paper]) => paper === 'Pack F (family finding)')
  if (await worker.isChecked('#finding-needed')) {
    assert.ok(await hasPackF(), 'family finding is needed, so Pack F is in the checklist')
    await worker.uncheck('#finding-needed')
    await submit(worker, '#finding-submit')
    assert.equal(await errors(worker), '', 'family finding is recorded as not needed')
    await accessible(worker, 'the referral not needing family finding')
  }
  assert.equal(await hasPackF(), false, 'Pack F is not asked for when family finding is not needed')
  await worker.check('#finding-needed')
  await submit(worker, '#finding-submit')
  assert.equal(await errors(worker), '', 'family finding is recorded')
  assert.equal(await worker.isChecked('#finding-needed'), true)
  await accessible(worker, 'the referral needing family finding')
  assert.deepEqual((await checklist(worker)).find(([paper]) => paper === 'Pack F (family finding)')?.[1], 'Missing', 'Pack F is in the checklist, missing')

  // Add every paper the social worker can add, but Pack F, at once.
  const leftOut = 'Pack F (family finding)'
  const papers = await worker.locator('input[type="checkbox"][id^="attach-paper_"]').evaluateAll((bs) => bs.map((b) => ({ id: b.id, label: b.labels[0].textContent.trim() })))
  assert.ok(papers.length > 1, 'the papers are offered together')
  for (const box of papers.filter((b) => b.label !== leftOut)) await worker.check(`#${box.id}`)
  await submit(worker, '#attach-submit')
  assert.equal(await errors(worker), '', 'the papers are added')
  for (const box of papers.filter((b) => b.label !== leftOut)) {
    const received = (await checklist(worker)).find(([paper]) => paper === box.label)
    assert.ok(received && received[1] !== 'Missing', `${box.label} shows as received`)
  }
  // The suitability assessment is not ticked as received: it is recorded,
  // and once every question is answered it is the pack's paper (PATH-017).
  const assessment = 'Long-term fostering suitability assessment'
  assert.equal(papers.some((b) => b.label === assessment), false, 'the assessment is not a paper to tick')
  await worker.fill('#ltf-dated', today)
  await worker.fill('#ltf-clear_assessment', 'Assessment Framework assessment of the child\'s needs')
  for (let i = 0; i < 7; i++) await worker.fill(`#ltf-factor_${i}`, 'Considered with the carers and their supervising social worker')
  await submit(worker, '#ltf-submit')
  assert.equal(await errors(worker), '', 'an incomplete assessment is saved')
  assert.match(await worker.locator('main').innerText(), /Still to answer: history of concerns/, 'it says which question is unanswered')
  assert.equal((await checklist(worker)).find(([paper]) => paper === assessment)?.[1], 'Missing', 'the incomplete assessment is not in the pack')
  await accessible(worker, 'the suitability assessment not complete')
  await worker.fill('#ltf-factor_7', 'None known')
  await submit(worker, '#ltf-submit')
  assert.equal(await errors(worker), '', 'the assessment is complete')
  assert.notEqual((await checklist(worker)).find(([paper]) => paper === assessment)?.[1], 'Missing', 'the complete assessment is in the pack')
  await accessible(worker, 'the pack with a paper missing')
  await shot(worker, 'permanence-pack-incomplete')
  const missing = (await checklist(worker)).filter(([, received]) => received === 'Missing').map(([paper]) => paper)
  assert.ok(missing.includes(leftOut), `Pack F is still missing (missing: ${missing.join('; ')})`)

  // ----------------------------------- the adviser cannot list it yet
  const adviser = await as(base, 'panel-adviser.demo')
  await adviser.goto(`${base}${referralHref}`)
  await adviser.waitForSelector('#list-meeting')
  await accessible(adviser, 'the referral, for the panel adviser')
  const meetings = await adviser.locator('#list-meeting option').evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent.trim() })))
  const open = meetings
    .map((m) => ({ ...m, match: m.label.match(/ on (\d{1,2} [A-Z][a-z]+ \d{4}) \(cut-off (\d{1,2} [A-Z][a-z]+ \d{4})\)$/) }))
    .filter((m) => m.match)
    .map((m) => ({ value: m.value, date: isoDate(m.match[1]), cutoff: isoDate(m.match[2]) }))
  assert.equal(open.length, meetings.length, `every meeting option reads "... on DATE (cut-off DATE)": ${meetings.map((m) => m.label).join(' / ')}`)
  const meeting = open.find((m) => m.cutoff >= today)
  assert.ok(meeting, `a meeting whose cut-off is today (${today}) or later is open: ${meetings.map((m) => m.label).join(' / ')}`)
  await adviser.selectOption('#list-meeting', meeting.value)
  await submit(adviser, '#list-submit')
  const refusal = await errors(adviser)
  assert.match(refusal, /pack incomplete/i, 'listing an incomplete pack is refused')
  assert.ok(refusal.includes(leftOut), `the refusal names the missing paper: ${refusal}`)
  assert.match(await adviser.title(), /^Error: /)
  assert.ok((await adviser.locator('main').innerText()).includes(`Missing: ${leftOut}`), 'the checklist says what is missing')
  await accessible(adviser, 'the refusal to list an incomplete pack')
  await shot(adviser, 'permanence-list-refused')

  // ------------------------------------- the pack completed, endorsed, listed
  await worker.goto(`${base}${referralHref}`)
  await worker.waitForSelector('#attach-submit')
  await accessible(worker, 'the referral, to add the last paper')
  await worker.check('#attach-paper_pack_f')
  await submit(worker, '#attach-submit')
  assert.equal(await errors(worker), '', 'Pack F is added')
  assert.notEqual((await checklist(worker)).find(([paper]) => paper === leftOut)?.[1], 'Missing')
  await accessible(worker, 'the pack with Pack F')

  const manager = await as(base, 'team-manager.demo')
  await manager.goto(`${base}${referralHref}`)
  await manager.waitForSelector('#endorse-submit')
  await accessible(manager, 'the referral, for the team manager')
  await submit(manager, '#endorse-submit')
  assert.equal(await errors(manager), '', 'the team manager endorses the pack')
  assert.ok((await manager.locator('main').innerText()).includes('The pack is complete.'), 'the pack is complete once endorsed')
  await accessible(manager, 'the endorsed pack')
  await shot(manager, 'permanence-pack-endorsed')

  await adviser.goto(`${base}${referralHref}`)
  await adviser.waitForSelector('#list-meeting')
  await accessible(adviser, 'the endorsed referral, for the panel adviser')
  await adviser.selectOption('#list-meeting', meeting.value)
  await submit(adviser, '#list-submit')
  assert.equal(await errors(adviser), '', 'the complete pack is listed')
  assert.equal(await tag(adviser), 'Pack complete and listed')
  assert.equal(isoDate(await row(adviser, 'Meeting')), meeting.date)
  await accessible(adviser, 'the listed referral')
  await shot(adviser, 'permanence-listed')

  // ------------------------------------------- the day of the meeting
  await server.stop()
  server = await startServer(['--database', database, '--today', meeting.date], randomPort(8900, 100))
  base = server.base

  const panel = await as(base, 'panel-adviser.demo')
  await panel.goto(`${base}/panels`)
  await panel.waitForSelector('h1:has-text("Panels")')
  await accessible(panel, 'the panels page')
  await shot(panel, 'permanence-panels')
  await follow(panel, `a[href="/panels/meetings/${meeting.value}"]`)
  await panel.waitForSelector('h2:has-text("Agenda")')
  await accessible(panel, 'the meeting')
  const boxes = panel.locator('input[type="checkbox"][id^="attendance-present"]')
  assert.ok(await boxes.count() > 0, 'the attendance form lists the members')
  for (let i = 0; i < await boxes.count(); i++) await boxes.nth(i).check()
  await submit(panel, '#attendance-submit')
  assert.equal(await errors(panel), '', 'attendance is saved')
  assert.equal(await row(panel, 'Quorate'), 'Yes')
  await accessible(panel, 'the meeting with attendance')
  await shot(panel, 'permanence-meeting')

  await follow(panel, `table:has(caption:text-is("Agenda")) a[href="${referralHref}"]`)
  await panel.waitForSelector('#outcome-outcome')
  await accessible(panel, 'the referral at the meeting')
  await panel.selectOption('#outcome-outcome', 'ltf_suitable')
  const outcomeLabel = (await panel.locator('#outcome-outcome option:checked').innerText()).trim()
  await panel.fill('#outcome-reasons', 'The carers meet the child\'s needs; the child wants to stay; contact with mother is settled.')
  assert.equal(await panel.isChecked('#outcome-adm_agreed'), false)
  await submit(panel, '#outcome-submit')
  assert.equal(await errors(panel), '', 'the outcome is recorded')
  assert.equal(await tag(panel), 'Recommendation - awaiting ADM')
  assert.equal(await row(panel, 'Outcome'), outcomeLabel)
  await accessible(panel, 'the recommendation')
  await shot(panel, 'permanence-recommendation')

  // -------------------------------------------- the agency decision maker
  const adm = await as(base, 'agency-decision-maker.demo')
  await adm.goto(`${base}${referralHref}`)
  await adm.waitForSelector('#adm-agreed')
  await accessible(adm, 'the referral, for the agency decision maker')
  await adm.selectOption('#adm-agreed', 'yes')
  const admReasons = 'I agree: long-term fostering with the current carers meets the child\'s needs until 18.'
  await adm.fill('#adm-reasons', admReasons)
  await submit(adm, '#adm-submit')
  assert.equal(await errors(adm), '', 'the agency decision is recorded')
  assert.match(await row(adm, 'Agency decision'), /^Agreed on /)
  await accessible(adm, 'the agreed referral')
  await shot(adm, 'permanence-adm-agreed')

  await follow(adm, `a[href="${planHref}"]`)
  await adm.waitForSelector('h1:has-text("Permanence plan")')
  assert.equal(await tag(adm), 'Ratified')
  await accessible(adm, 'the ratified plan after the agency decision')
  await shot(adm, 'permanence-plan-final')

  await adm.goto(`${base}${referralHref}/letter`)
  await adm.waitForSelector('h1')
  const letter = await adm.locator('main').innerText()
  assert.ok(letter.includes(`The panel's view was: ${outcomeLabel.toLowerCase()}.`), `the letter names the outcome: ${letter}`)
  assert.match(letter, /, the agency decision maker, agreed with the panel\./)
  assert.ok(letter.includes(admReasons), 'the letter gives the agency decision maker\'s reasons')
  await accessible(adm, 'the outcome letter')
  await shot(adm, 'permanence-letter')

  for (const page of [worker, iro, adviser, manager, panel, adm]) await page.context().close()
})

test('a service manager sees the council tracking page with drift flags and follows one to the child', async () => {
  const database = `sqlite:${join(folder, 'm.sqlite3')}`
  const own = await startServer(['--demo', '--demo-children', '300', '--database', database], randomPort(9000, 100))
  try {
    const manager = await as(own.base, 'service-manager.demo')
    await manager.goto(`${own.base}/tracking?flag=any`)
    await manager.waitForSelector('h1:has-text("Permanence tracking")')
    await accessible(manager, 'the council tracking list, drift only')
    await shot(manager, 'permanence-tracking-manager')
    const intro = await manager.locator('main').innerText()
    assert.match(intro, /in the whole council on .*: \d+ listed, \d+ with drift/)
    const headers = (await manager.locator('table thead th').allInnerTexts()).map((h) => h.trim())
    const driftColumn = headers.indexOf('Drift')
    const first = manager.locator('table tbody tr').first()
    const flags = (await first.locator('td').nth(driftColumn).innerText()).trim()
    assert.match(flags, /^\([a-j]\) /, 'the first child shows its drift reasons')
    const href = await first.locator('td').first().locator('a').getAttribute('href')
    await follow(manager, `table tbody a[href="${href}"]`)
    await manager.waitForSelector('h2:has-text("Drift")')
    const drift = await manager.locator('main').innerText()
    const letter = flags.match(/^\(([a-j])\)/)[1]
    assert.ok(drift.includes('open since'), "the child's page words its drift")
    // The reason's letter and rule are in the "Rules that apply" details.
    const rules = await manager.locator('main').textContent()
    assert.ok(rules.includes(`drift reason (${letter})`), `the child's page shows drift (${letter}) too`)
    await accessible(manager, "the child's plan with its drift")
    await shot(manager, 'permanence-plan-drift')
  } finally {
    await own.stop()
  }
})

test('a performance analyst checks an SSDA903 return from an upload and sees the failures by rule', async () => {
  const database = `sqlite:${join(folder, 'r.sqlite3')}`
  const own = await startServer(['--demo', '--demo-children', '50', '--database', database], randomPort(9100, 100))
  try {
    const analyst = await as(own.base, 'performance-analyst.demo')
    await analyst.goto(`${own.base}/returns/check`)
    await analyst.waitForSelector('h1:has-text("Check an SSDA903 return")')
    await accessible(analyst, 'the SSDA903 upload page')
    const file = join(folder, 'header.csv')
    writeFileSync(file, 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,1,31/02/2015,WBRI,UN1,,\n')
    await analyst.setInputFiles('#check-current', file)
    await submit(analyst, '#check-submit')
    await analyst.waitForSelector('h2:has-text("Failures by rule")')
    const text = await analyst.locator('main').innerText()
    assert.match(text, /Failures\s+[1-9]/)
    await accessible(analyst, 'the SSDA903 failures by rule')
    await shot(analyst, 'ssda903-check')
  } finally {
    await own.stop()
  }
})
