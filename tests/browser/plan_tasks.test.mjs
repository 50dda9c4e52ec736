// Browser tests in real Chromium of the draft permanence plan as a task
// list: a social worker completes each section (one question a page, steps
// and outcomes added one at a time, the support plan recorded as a record),
// checks the answers and puts the plan forward; the Independent Reviewing
// Officer ratifies it. Then the pages beside the plan that had only HTTP
// tests: the trajectory (TRACK-004) and the governance calendar (TRACK-008).
// Every page is checked with axe-core (WCAG 2.2 AA); screenshots are saved
// under target/screenshots/plan-tasks-*.png.
//
// Run with `npm run browser-tests` after `cargo build`.

import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, launchBrowser, accessible, shot, signIn, randomPort, tag } from './harness.mjs'
import { completePlan, go, problems } from './plan_sections.mjs'

let browser
let folder
let server

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'plan-tasks-browser-'))
  browser = await launchBrowser()
  const database = `sqlite:${join(folder, 'p.sqlite3')}`
  server = await startServer(['--demo', '--demo-children', '300', '--database', database], randomPort(9400, 100))
})

after(async () => {
  await browser?.close()
  await server?.stop()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

/** A page signed in as the user, in a browser context of their own. */
async function as (username) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, server.base, username)
  return page
}

/** The value of a summary-list row by its key. */
async function row (page, key) {
  const dd = page.locator(`.govuk-summary-list__row:has(dt.govuk-summary-list__key:text-is("${key}")) dd`)
  return (await dd.first().innerText()).trim()
}

/**
 * A draft plan not yet put forward, on its plan page: the social worker
 * takes it to its assessment first when it is only placed.
 */
async function draftToPutForward (page) {
  await page.goto(`${server.base}/tracking`)
  const hrefs = await page.locator('table tbody tr td:first-child a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
  for (const href of hrefs.slice(0, 40)) {
    await page.goto(`${server.base}${href}`)
    if (await tag(page) !== 'Draft') continue
    const stage = await row(page, 'Stage')
    if (['Assessment and options appraisal', 'First review held'].includes(stage)) return href
    for (const step of ['place', 'start_assessment']) {
      if (await page.locator(`#step-${step}-submit`).count()) await go(page, `#step-${step}-submit`)
    }
    if (await row(page, 'Stage') === 'Assessment and options appraisal') return href
  }
  assert.fail('no draft plan of the social worker\'s can be put forward')
}

/** The plan page of a child whose plan the tracking list shows as `status`. */
async function planWith (page, status) {
  await page.goto(`${server.base}/tracking`)
  await page.waitForSelector('h1:has-text("Permanence tracking")')
  const headers = (await page.locator('table thead th').allInnerTexts()).map((h) => h.trim())
  const column = headers.indexOf('Status')
  assert.ok(column >= 0, `the tracking table has a Status column (headers: ${headers.join(', ')})`)
  const rows = page.locator('table tbody tr')
  for (let i = 0; i < await rows.count(); i++) {
    const cells = rows.nth(i).locator('td')
    if ((await cells.nth(column).innerText()).trim() === status) {
      return await cells.first().locator('a').getAttribute('href')
    }
  }
  assert.fail(`no plan on the tracking list is ${status}`)
}

test('a draft plan goes through its task list, the check of its answers and is put forward and ratified', async () => {
  const base = server.base
  const worker = await as('social-worker.demo')
  const planHref = await draftToPutForward(worker)
  assert.match(planHref, /^\/children\/[^/]+\/plan$/)
  await worker.goto(`${base}${planHref}`)
  await worker.waitForSelector('h1:has-text("Permanence plan")')
  assert.equal(await tag(worker), 'Draft')
  const draft = await worker.locator('main').innerText()
  assert.equal(await worker.locator('main dd:text-is("Final")').count(), 0, 'a draft is not called final')
  assert.equal(await worker.locator('#plan-submit').count(), 0, 'the long plan form is gone')
  assert.match(draft, /sections completed/)
  await accessible(worker, 'the draft plan')
  await shot(worker, 'plan-tasks-draft')

  const year = new Date().getFullYear() + 1
  await completePlan(worker, base, planHref, year, 'plan-tasks')
  // "Change" opens the question and comes back to the check once saved.
  await go(worker, 'a[href$="/plan/sections/carer?from=check"]')
  assert.equal(await worker.locator('.govuk-back-link').innerText(), 'Back to check your answers')
  await worker.fill('#answer-carer_views', 'The carers are approved and wish to care for the child until 18 and beyond')
  await go(worker, '#answer-submit')
  assert.match(worker.url(), /\/plan\/check$/, 'back on the check of the answers')
  assert.ok((await worker.locator('main').innerText()).includes('until 18 and beyond'), 'the changed answer is shown')
  await go(worker, '#put-forward-submit')
  assert.equal(await problems(worker), '', 'the plan is put forward for ratification')
  assert.match(await worker.locator('main').innerText(), /The plan was put forward for ratification/)
  assert.equal(await row(worker, 'Stage'), 'Put forward for ratification')
  await accessible(worker, 'the plan put forward')
  await shot(worker, 'plan-tasks-put-forward')

  const iro = await as('independent-reviewing-officer.demo')
  await iro.goto(`${base}${planHref}`)
  await iro.waitForSelector('#step-ratify-submit')
  await go(iro, '#step-ratify-submit')
  assert.equal(await problems(iro), '', 'the IRO ratifies the plan')
  assert.equal(await tag(iro), 'Ratified - subject to Permanence Panel')
  assert.equal(await row(iro, 'How firm the plan is'), 'Final', 'a ratified plan says how firm it is')
  assert.ok(await iro.locator('main').innerText().then((t) => t.includes('LTF suitability assessment')), 'the plan holds its steps')
  assert.equal(await iro.locator('main button:has-text("Propose")').count(), 1, 'one control proposes a change of plan')
  await accessible(iro, 'the ratified plan')
  await shot(iro, 'plan-tasks-ratified')
  // Ratified, the sections are read only.
  await iro.goto(`${base}${planHref}/sections`)
  assert.equal(await iro.locator('#tasks a').count(), 0, 'no section of a ratified plan is edited')
  await accessible(iro, 'the sections of the ratified plan')
  await worker.context().close()
  await iro.context().close()
})

test('the trajectory records a milestone and asks for the reason of its variance (TRACK-004)', async () => {
  const base = server.base
  const worker = await as('social-worker.demo')
  const planHref = await planWith(worker, 'Draft')
  await worker.goto(`${base}${planHref}`)
  await worker.waitForSelector('#trajectory')
  await worker.selectOption('#trajectory-milestone', 'permanence_panel')
  await worker.fill('#trajectory-target', '30/8/2025')
  await worker.fill('#trajectory-actual', '10/9/2025')
  await go(worker, '#trajectory-submit')
  assert.equal(await problems(worker), '', 'the milestone is saved')
  const saved = await worker.locator('main').innerText()
  assert.match(saved, /11 days late; a variance reason is required/)
  await accessible(worker, 'the trajectory with a variance needing its reason')
  await shot(worker, 'plan-tasks-trajectory-late')
  await worker.selectOption('#trajectory-milestone', 'permanence_panel')
  await worker.fill('#trajectory-target', '30/8/2025')
  await worker.fill('#trajectory-actual', '10/9/2025')
  await worker.fill('#trajectory-variance_reason', 'The panel moved its date')
  await go(worker, '#trajectory-submit')
  const explained = await worker.locator('main').innerText()
  assert.ok(explained.includes('The panel moved its date'), 'the reason is shown in the trajectory')
  assert.doesNotMatch(explained, /a variance reason is required/)
  // A date that is not one is named beside its field.
  await worker.fill('#trajectory-target', 'soon')
  await go(worker, '#trajectory-submit')
  assert.match(await problems(worker), /There is a problem/)
  await accessible(worker, 'the trajectory with an error')
  await worker.context().close()
})

test('the performance team keeps the governance calendar (TRACK-008)', async () => {
  const analyst = await as('performance-analyst.demo')
  await analyst.goto(`${server.base}/tracking/governance`)
  await analyst.waitForSelector('h1')
  await accessible(analyst, 'the governance calendar')
  await shot(analyst, 'plan-tasks-governance')
  await analyst.selectOption('#report-kind', 'iro_annual_report')
  await analyst.fill('#report-date', '1/2/2026')
  await go(analyst, '#report-submit')
  assert.equal(await problems(analyst), '', 'the report is added')
  assert.match(await analyst.locator('main').innerText(), /IRO annual report was added/)
  await accessible(analyst, 'the governance calendar with the report added')
  await analyst.fill('#report-date', 'next week')
  await go(analyst, '#report-submit')
  assert.match(await problems(analyst), /There is a problem/)
  await accessible(analyst, 'the governance calendar with an error')
  await shot(analyst, 'plan-tasks-governance-error')
  await analyst.context().close()
})
