// Browser test in real Chromium of a connected-person (kinship) household:
// a supervising social worker adds it with its carer and her DBS check and
// takes the viability assessment to a positive result; the service manager
// (the nominated senior officer) gives temporary approval under Regulation
// 24 with the child placed, is refused an extension without a reason, then
// extends it with the exceptional reason; the team manager screens the
// assessment (KIN-003); after the full assessment the
// panel adviser records the panel's recommendation and the agency decision
// maker approves the carers with reasons. Every page is checked with
// axe-core; screenshots are saved under target/screenshots/kinship-*.png.
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
  folder = mkdtempSync(join(tmpdir(), 'kinship-browser-'))
  browser = await launchBrowser()
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

/** The success banner's text. */
async function banner (page) {
  return page.locator('.govuk-notification-banner').innerText()
}

/** The kinship part's summary row `key`. */
async function row (page, key) {
  return page.locator(`dt:text-is("${key}") + dd`).innerText()
}

test('a connected-person household gets temporary approval, an extension with its reason and approver, then full approval at panel', async () => {
  const database = `sqlite:${join(folder, 'k.sqlite3')}`
  server = await startServer(['--demo', '--demo-children', '200', '--database', database], randomPort(9300, 100))
  const base = server.base

  // ------------------------------------------------------ the household
  // The child is one of the team manager's team, so she sees the household
  // once the child is placed there and screens its assessment (KIN-003).
  const tm = await as(base, 'team-manager.demo')
  await tm.goto(`${base}/children`)
  const child = (await tm.locator('main table tbody a[href^="/children/"]').first().getAttribute('href')).replace('/children/', '')
  const ssw = await as(base, 'supervising-social-worker.demo')
  await ssw.goto(`${base}/households/new`)
  await ssw.fill('#household-name', 'The Ode family')
  await ssw.selectOption('#household-team', 'Kinship')
  await ssw.selectOption('#household-role', 'connected_person')
  await submit(ssw, '#household-submit')
  await ssw.waitForSelector('h1:has-text("The Ode family")')
  const householdUrl = ssw.url()
  await ssw.fill('#member-name', 'Ada Ode')
  await ssw.fill('#member-relationship', 'aunt')
  await ssw.fill('#member-date_of_birth', '01/01/1970')
  await ssw.fill('#member-languages', 'English')
  await submit(ssw, '#member-submit')
  await ssw.selectOption('#check-kind', 'dbs')
  await ssw.fill('#check-expires', '01/01/2030')
  await submit(ssw, '#check-submit')
  assert.match(await banner(ssw), /Check recorded/)
  const role = `${householdUrl.split('/').pop()}-R1`
  for (const step of ['start_iva', 'iva_positive']) {
    await submit(ssw, `#step-${role}-${step}-submit`)
    assert.match(await banner(ssw), /Step recorded/)
  }
  // The plain steps do not give temporary approval: it needs its details.
  assert.equal(await ssw.locator(`#step-${role}-temporary_approval-submit`).count(), 0)
  await accessible(ssw, 'the household after a positive viability assessment')

  // ------------------------------------------------------ temporary approval
  const senior = await as(base, 'service-manager.demo')
  await senior.goto(householdUrl)
  await senior.fill('#kin-approval-child', child)
  await submit(senior, '#kin-approval-submit')
  assert.match(await banner(senior), /Recorded/)
  assert.match(await row(senior, 'Temporary approval'), /^Temporary approval to /)
  assert.match(await row(senior, 'Temporary approval given by'), /service-manager\.demo/)
  await accessible(senior, 'the household under temporary approval')

  // The extension: refused without its exceptional reason, then given.
  await submit(senior, '#kin-extension-submit')
  assert.match(await senior.locator('.govuk-error-summary').innerText(), /Enter the exceptional circumstances/)
  assert.equal(await senior.locator('.govuk-form-group--error #kin-extension-reason').count(), 1)
  await accessible(senior, 'the extension refused without its reason')
  await senior.fill('#kin-extension-reason', 'The medical reference is delayed by a hospital stay')
  await submit(senior, '#kin-extension-submit')
  assert.match(await row(senior, 'Temporary approval'), /^Temporary approval extended to /)
  const extension = await row(senior, 'Extension')
  assert.match(extension, /service-manager\.demo/)
  assert.match(extension, /The medical reference is delayed by a hospital stay/)
  await accessible(senior, 'the household with its extension')
  await shot(senior, 'kinship-extended')

  // ------------------------------------------------------ screening, panel and decision
  await tm.goto(householdUrl)
  await submit(tm, '#kin-screen-submit')
  assert.match(await row(tm, 'Team manager screening'), /^Signed off on .* by team-manager\.demo/)
  await accessible(tm, 'the team manager\'s screening sign-off')
  await ssw.goto(householdUrl)
  await submit(ssw, `#step-${role}-complete_assessment-submit`)
  assert.match(await banner(ssw), /Step recorded/)
  const panel = await as(base, 'panel-adviser.demo')
  await panel.goto(householdUrl)
  await panel.selectOption('#kin-panel-approve', 'yes')
  await panel.fill('#kin-panel-reasons', 'A strong bond; the aunt meets the child\'s needs')
  await submit(panel, '#kin-panel-submit')
  assert.match(await row(panel, 'Panel'), /^Recommended approval/)
  await accessible(panel, 'the panel\'s recommendation')
  const adm = await as(base, 'agency-decision-maker.demo')
  await adm.goto(householdUrl)
  await adm.selectOption('#kin-decision-approve', 'yes')
  await adm.fill('#kin-decision-reasons', 'As the panel recommended')
  await submit(adm, '#kin-decision-submit')
  // The panel's papers leave the panel with its decision.
  assert.match(await adm.locator('main').innerText(), /Recorded[\s\S]*no longer before the panel/)
  await accessible(adm, 'the agency decision recorded')
  await ssw.goto(householdUrl)
  assert.match(await row(ssw, 'Agency decision'), /^Approved on .*As the panel recommended/)
  assert.match(await row(ssw, 'Temporary approval'), /^Fully approved on /)
  assert.match(await ssw.locator('table:has(caption:text-is("Roles")) tbody').innerText(), /Approved kinship foster carer/)
  await accessible(ssw, 'the approved kinship household')
  await shot(ssw, 'kinship-approved')

  // ------------------------------------------------------ the kinship figures
  await senior.goto(`${base}/kinship/compliance`)
  await senior.waitForSelector('h1:has-text("Kinship figures")')
  assert.match(await senior.locator('main').innerText(), /DBS check records in date \(KPI-KIN-04\)[\s\S]*95% \(floor 92%\)/)
  assert.equal(await senior.locator('a[href*="/kinship/compliance?period="][href$="format=csv"]').count(), 1)
  await accessible(senior, 'the kinship figures')
  await shot(senior, 'kinship-figures')
})
