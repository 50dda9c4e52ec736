// Browser test in real Chromium of the money journeys (issue 21): an
// additional payment is refused by the team manager, appealed by the
// social worker, upheld by the service manager and paid by finance
// (WF-ADDITIONAL-PAYMENT, PAY-005, PAY-006); an emergency payment is
// decided by the team manager with its reason and paid by finance the same
// day (WF-EXEMPT-PAYMENT, PAY-007). Every page is checked with axe-core
// (WCAG 2.2 AA); screenshots are saved under target/screenshots/money-*.png.
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
  folder = mkdtempSync(join(tmpdir(), 'money-browser-'))
  browser = await launchBrowser()
  const database = `sqlite:${join(folder, 'm.sqlite3')}`
  server = await startServer(['--demo', '--demo-children', '400', '--database', database], randomPort(9600, 100))
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

/** Follows the case page's link to a form. */
async function openForm (page, label) {
  const link = page.locator('main a.govuk-link', { hasText: label }).first()
  assert.ok(await link.count(), `the case page offers "${label}"`)
  await Promise.all([page.waitForNavigation(), link.click()])
}

/** A child of the social worker's team. */
async function teamChild (sw) {
  const csv = await sw.evaluate(async (url) => (await fetch(url)).text(), `${server.base}/children?view=team&format=csv`)
  const child = csv.split('\n').slice(1).map((line) => line.split(',')[0]).find((id) => /^\w+$/.test(id || ''))
  assert.ok(child, 'the team has a child')
  return child.replace('\ufeff', '')
}

test('an additional payment is refused, appealed, upheld and paid', async () => {
  const base = server.base
  const sw = await as('social-worker.demo')
  const child = await teamChild(sw)
  await sw.goto(`${base}/children/${child}/plan`)
  await sw.selectOption('#start-workflow', 'WF-DISC-PAYMENT')
  await submit(sw, '#start-submit')
  assert.match(sw.url(), /\/cases\/[^/]+$/, `starting the case opens its page: ${sw.url()}`)
  const caseUrl = sw.url()
  const caseId = caseUrl.split('/').pop()

  // PAY-003: the form opens only once the need is assessed as needing a payment.
  assert.equal(await sw.getByText('Record the Additional Payments form').count(), 0)
  await openForm(sw, 'Record the assessment of the need')
  await sw.fill('#assess-notes', 'Visited the carers: the second child has no bed')
  await sw.selectOption('#assess-outcome', 'required')
  await submit(sw, '#assess-submit')
  assert.equal(await errors(sw), '')
  await openForm(sw, 'Record the Additional Payments form')
  await sw.fill('#form-need', 'A bed for the child\'s room')
  await sw.fill('#form-how_met', 'Bought by the carers and refunded')
  await sw.fill('#form-cost', '185.50')
  await submit(sw, '#form-submit')
  assert.equal(await errors(sw), '')
  await submit(sw, '#step-submit-submit')

  // The team manager refuses it.
  const tm = await as('team-manager.demo')
  await tm.goto(caseUrl)
  await openForm(tm, 'Refuse the request')
  await tm.fill('#tm_refuse-reasons', 'The placement already has a bed')
  await submit(tm, '#tm_refuse-submit')
  assert.equal(await errors(tm), '')
  assert.equal(await tag(tm), 'Refused')
  await accessible(tm, 'the refused payment case')
  await shot(tm, 'money-refused')

  // The social worker appeals to the service manager, who upholds it.
  await sw.goto(caseUrl)
  await openForm(sw, 'Lodge an appeal')
  await submit(sw, '#appeal-submit')
  assert.equal(await errors(sw), '')
  const sm = await as('service-manager.demo')
  await sm.goto(caseUrl)
  await openForm(sm, 'Decide the appeal')
  await sm.selectOption('#appeal_decision-decision', 'uphold')
  await sm.fill('#appeal_decision-reasons', 'The bed is needed for the second child')
  await submit(sm, '#appeal_decision-submit')
  assert.equal(await errors(sm), '')
  assert.equal(await tag(sm), 'Approved')

  // Finance pays it from the ledger page.
  const finance = await as('finance-officer.demo')
  await finance.goto(`${base}/money`)
  await accessible(finance, 'the ledger with a payment waiting')
  const option = await finance.locator('#pay-case option', { hasText: caseId }).getAttribute('value')
  await finance.selectOption('#pay-case', option)
  await submit(finance, '#pay-submit')
  assert.equal(await errors(finance), '')
  assert.match(await finance.locator('main').innerText(), new RegExp(`Case ${caseId} was paid: £185.50`))
  await accessible(finance, 'the ledger after the payment')
  await shot(finance, 'money-ledger')
  await sm.goto(caseUrl)
  assert.equal(await tag(sm), 'Paid')
})

test('an emergency payment is decided with its reason and paid the same day', async () => {
  const base = server.base
  const sw = await as('social-worker.demo')
  const child = await teamChild(sw)
  const tm = await as('team-manager.demo')
  await tm.goto(`${base}/money`)
  await tm.selectOption('#exempt-type', 'emergency_safety')
  await tm.fill('#exempt-child', child)
  await tm.fill('#exempt-amount', '350')
  // Without a reason, nothing is agreed and the field says why.
  await submit(tm, '#exempt-submit')
  assert.match(await errors(tm), /Reason: say why/)
  await accessible(tm, 'the exempt payment form with its error')
  await tm.fill('#exempt-child', child)
  await tm.fill('#exempt-amount', '350')
  await tm.fill('#exempt-reason', 'New locks fitted after a threat to the placement')
  await submit(tm, '#exempt-submit')
  assert.equal(await errors(tm), '')
  assert.match(await tm.locator('main').innerText(), /of £350.00 was agreed/)

  const finance = await as('finance-officer.demo')
  await finance.goto(`${base}/money`)
  const link = finance.locator('main a', { hasText: 'Discretionary payments (council)' }).filter({ has: finance.locator('xpath=.') })
  const href = `/money/accounts/discretionary/${child}/`
  const account = await finance.locator(`main a[href^="${href}"]`).first().getAttribute('href')
  assert.ok(account && link, 'the ledger links to the child\'s discretionary account')
  await finance.goto(`${base}${account}`)
  await accessible(finance, 'the fund balance page')
  assert.match(await finance.locator('main').innerText(), /New locks fitted after a threat to the placement/)
  const credit = await finance.locator('#pay-credit option').last().getAttribute('value')
  await finance.selectOption('#pay-credit', credit)
  await finance.fill('#pay-amount', '350')
  await finance.fill('#pay-reason', 'Locksmith\'s invoice')
  await submit(finance, '#pay-submit')
  assert.equal(await errors(finance), '')
  assert.match(await finance.locator('main').innerText(), /Paid £350.00/)
  await accessible(finance, 'the fund balance page after the payment')
  await shot(finance, 'money-emergency-paid')
})
