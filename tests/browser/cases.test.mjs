// Browser test in real Chromium of a return home as people run it
// (WF-RETURN-HOME, PATH-007, PATH-005): the social worker starts the case
// from a section 20 child's plan, records an objective (refused without a
// timescale), starts the work, reviews the objective as met, records the
// readiness decision and asks for approval; the service manager approves as
// the nominated officer; the worker records the return and the
// looked-after episode ends. Every page is checked with axe-core (WCAG 2.2
// AA); screenshots are saved under target/screenshots/cases-*.png.
//
// Run with `npm run browser-tests` after `cargo build -p cli`.

import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, launchBrowser, accessible, shot, signIn, randomPort, submit, errors, tag } from './harness.mjs'

let browser
let folder
let server

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'cases-browser-'))
  browser = await launchBrowser()
  const database = `sqlite:${join(folder, 'c.sqlite3')}`
  server = await startServer(['--demo', '--demo-children', '400', '--database', database], randomPort(9400, 100))
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

/** Today as the forms take it (27/3/2026). */
function today () {
  const d = new Date()
  return `${d.getDate()}/${d.getMonth() + 1}/${d.getFullYear()}`
}

/** Follows the case page's link to a form. */
async function openForm (page, label) {
  const link = page.locator('main a.govuk-link', { hasText: label }).first()
  assert.ok(await link.count(), `the case page offers "${label}"`)
  await Promise.all([page.waitForNavigation(), link.click()])
}

test('a return-home case runs its objectives and the section 20 episode ends on the return', async () => {
  const base = server.base
  const sw = await as('social-worker.demo')
  // A child of the team accommodated under section 20.
  const csv = await sw.evaluate(async (url) => (await fetch(url)).text(), `${base}/children?view=team&format=csv`)
  const child = csv.split('\n').map((line) => line.match(/^([^,]+),.*,V2 Single period/)).find(Boolean)?.[1]
  assert.ok(child, 'the team has a child accommodated under section 20')

  await sw.goto(`${base}/children/${child}/plan`)
  await sw.selectOption('#start-workflow', 'WF-RETURN-HOME')
  await submit(sw, '#start-submit')
  assert.match(sw.url(), /\/cases\/[^/]+$/, `starting the case opens its page: ${sw.url()}`)
  const caseUrl = sw.url()
  assert.equal(await tag(sw), 'Return home is the plan')
  await accessible(sw, 'the new return-home case')
  await shot(sw, 'cases-return-home-new')

  // An objective without a timescale is refused, beside its field.
  await openForm(sw, 'Record an objective')
  await accessible(sw, 'the objective form')
  await sw.fill('#objective-text', 'Parents complete the parenting programme')
  await sw.selectOption('#objective-for_whom', 'parents')
  await submit(sw, '#objective-submit')
  assert.match(await errors(sw), /Timescale required/)
  await accessible(sw, 'the objective form with its error')
  await shot(sw, 'cases-return-home-objective-error')
  await sw.fill('#objective-target', today())
  await submit(sw, '#objective-submit')
  assert.equal(await errors(sw), '')
  assert.match(await sw.locator('main').innerText(), /Parents complete the parenting programme/)

  await submit(sw, '#step-start_work-submit')
  assert.equal(await tag(sw), 'Work towards return')

  // The objective reviewed as met.
  await openForm(sw, 'Review objective 1')
  await accessible(sw, 'the review form')
  await sw.fill('#review-progress', 'The programme is completed; the certificate is on file')
  await sw.selectOption('#review-status', 'met')
  await submit(sw, '#review-submit')
  assert.equal(await errors(sw), '')
  assert.match(await sw.locator('main').innerText(), /\tMet\b|Met\n/)

  await submit(sw, '#step-assess_readiness-submit')
  assert.equal(await tag(sw), 'Readiness decision')
  await openForm(sw, 'Record the readiness decision')
  await accessible(sw, 'the readiness form')
  await sw.fill('#readiness-wishes', today())
  await sw.fill('#readiness-iro', today())
  await sw.fill('#readiness-support_reference', 'CIN plan 2026-14')
  await sw.fill('#readiness-support_dated', today())
  await submit(sw, '#readiness-submit')
  assert.equal(await errors(sw), '')
  await submit(sw, '#step-seek_approval-submit')
  assert.equal(await tag(sw), 'Approval')
  assert.equal(await sw.locator('main a.govuk-link', { hasText: 'Approve the return' }).count(), 0, 'the worker is not offered the approval')

  // The service manager approves as the nominated officer.
  const sm = await as('service-manager.demo')
  await sm.goto(caseUrl)
  await accessible(sm, 'the case awaiting approval')
  await openForm(sm, 'Approve the return (nominated officer)')
  await submit(sm, '#approve-submit')
  assert.equal(await errors(sm), '')
  assert.equal(await tag(sm), 'Returned')

  // The worker records the return: the looked-after episode ends.
  await sw.goto(caseUrl)
  await openForm(sw, 'Record the return home')
  await sw.fill('#return-on', today())
  await submit(sw, '#return-submit')
  assert.equal(await errors(sw), '')
  assert.equal(await tag(sw), 'Closed')
  assert.match(await sw.locator('main').innerText(), /Looked-after episode ended/)
  await accessible(sw, 'the closed return-home case')
  await shot(sw, 'cases-return-home-closed')
  await sw.goto(`${base}/children/${child}`)
  assert.match(await sw.locator('main').innerText(), /Returned home/i, 'the child\'s journey shows the return home')
})
