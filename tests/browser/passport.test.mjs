// Browser test in real Chromium of the Permanence Passport: a service
// manager opens a demo special guardianship family's passport and its
// entitlements page (both checked with axe-core), prints the passport to
// PDF as Chromium does, and the PDF's text holds the passport (offer,
// entitlements, contacts) without the navigation, the links or any rule
// code. The PDF is saved as target/screenshots/passport.pdf.
//
// A special guardianship family asks for support: First Response sends the
// request to a manager, who allocates it; the assessment is recorded, the
// plan proposed (refused until it addresses education), approved and sent,
// and the support worker's visit and first call are recorded against the
// schedule counted from the order (each page checked with axe-core).
//
// Run with `npm run browser-tests` after `cargo build`.

import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, launchBrowser, accessible, shot, shots, signIn, randomPort, pdfText, submit, errors } from './harness.mjs'

let browser
let folder
let server

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'passport-browser-'))
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await server?.stop()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

/** Text without its spacing, to compare what a PDF lays out in runs. */
const squash = (s) => s.replace(/\s+/g, '')

test('a special guardianship family\'s passport prints to a PDF holding their offer and contacts and no rule code', async () => {
  const database = `sqlite:${join(folder, 'p.sqlite3')}`
  server = await startServer(['--demo', '--demo-children', '200', '--database', database], randomPort(9500, 100))
  const base = server.base
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, base, 'service-manager.demo')

  await page.goto(`${base}/households?role=special_guardian`)
  const hrefs = await page.locator('main table tbody a[href^="/households/H"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
  let household
  for (const href of hrefs) {
    await page.goto(`${base}${href}`)
    if (await page.locator('a:text-is("Permanence Passport")').count() === 1) {
      household = href
      break
    }
  }
  assert.ok(household, 'a special guardianship family in the demo with a passport')
  await Promise.all([page.waitForNavigation(), page.click('a:text-is("Permanence Passport")')])
  await page.waitForSelector('h1:has-text("Permanence Passport")')
  await accessible(page, 'a family\'s passport')
  await shot(page, 'passport')
  const title = await page.locator('h1').innerText()

  await Promise.all([page.waitForNavigation(), page.click('#passport-details')])
  await page.waitForSelector('h1:has-text("Entitlements")')
  await accessible(page, 'a family\'s entitlements')
  const rules = await page.locator('table:has(caption:text-is("Entitlements today")) tbody').innerText()
  assert.match(rules, /PASS-004/)
  await page.goBack()

  const pdf = await page.pdf({ format: 'A4', printBackground: true })
  writeFileSync(join(shots, 'passport.pdf'), pdf)
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
  const text = pdfText(pdf)
  const printed = squash(text)
  for (const wanted of [title, 'Leicestershire County Council', 'About this passport', 'Connected Permanence Offer', 'What you are entitled to', 'Family Action Special Guardianship Support', 'How to ask for support', 'the Team Manager for Connected and Kinship Care', 'Who to contact', 'sgosupport@leics.gov.uk', '9 Newarke Street, Leicester, LE1 5SN', 'If you are unhappy with your support']) {
    assert.ok(printed.includes(squash(wanted)), `the PDF holds "${wanted}":\n${text.slice(0, 2000)}`)
  }
  for (const unwanted of ['Sign out', 'Back to the household', 'Versions of this passport', 'Entitlements and what the records do not hold', 'PASS-', 'ASSESS-', 'PAY-', 'VISIT-', 'GEN-']) {
    assert.ok(!printed.includes(squash(unwanted)), `the PDF does not hold "${unwanted}"`)
  }
  await context.close()
})

/** The text of a record page's part: its heading and what follows it up
 * to the next part's, its forms left out. */
const partText = (page, id) => page.evaluate((id) => {
  const heading = document.getElementById(id)
  let text = heading.innerText
  for (let n = heading.nextElementSibling; n && n.tagName !== 'H2'; n = n.nextElementSibling) {
    if (n.tagName !== 'FORM') text += '\n' + n.innerText
  }
  return text
}, id)

/** A date as the forms take it: 7/12/2026. */
const uk = (d) => `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`

test('a special guardianship family asks for support, is assessed, gets a plan, a means-tested allowance and its visit and call on schedule', async () => {
  const database = `sqlite:${join(folder, 's.sqlite3')}`
  const own = await startServer(['--demo', '--demo-children', '200', '--database', database], randomPort(9600, 100))
  try {
    const base = own.base
    const context = await browser.newContext()
    const sm = await context.newPage()
    await signIn(sm, base, 'service-manager.demo')
    await sm.goto(`${base}/households?role=special_guardian`)
    const hrefs = await sm.locator('main table tbody a[href^="/households/H"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    let support
    for (const href of hrefs) {
      await sm.goto(`${base}${href}/support`)
      const body = await sm.locator('main').innerText()
      if (/6-month call/.test(body) && (await sm.locator('#request-submit').count()) === 1) {
        support = `${base}${href}/support`
        break
      }
    }
    assert.ok(support, 'a special guardianship family with a support worker schedule')
    await accessible(sm, 'a family\'s support')
    const today = uk(new Date())
    const last = async (select) => {
      const values = await sm.locator(`${select} option`).evaluateAll((os) => os.map((o) => o.value).filter(Boolean))
      await sm.selectOption(select, values[values.length - 1])
    }

    // The family calls First Response; the agent finds it too complex and a manager allocates it.
    await sm.fill('#request-received', today)
    await sm.selectOption('#request-requester', 'special_guardian')
    await sm.selectOption('#request-route', 'first_response')
    await submit(sm, '#request-submit')
    assert.equal(await errors(sm), '')
    assert.match(await partText(sm, 'requests'), /With First Response/)
    await last('#first_response-request')
    await submit(sm, '#first_response-submit')
    await last('#allocate-request')
    await sm.fill('#allocate-worker', 'post-order-support-worker.demo')
    await submit(sm, '#allocate-submit')
    assert.match(await partText(sm, 'requests'), /Being assessed/)

    // The assessment: the report went to the carers; the child is too young for a copy.
    await last('#complete-request')
    for (const f of ['completed', 'outcome_told', 'report_to_parents']) await sm.fill(`#complete-${f}`, today)
    await sm.fill('#complete-needs', 'Help with sleep and contact with the birth family')
    await sm.fill('#complete-child_copy_reason', 'Too young to read it')
    await submit(sm, '#complete-submit')
    assert.equal(await errors(sm), '')
    assert.match(await partText(sm, 'requests'), /Assessed: Help with sleep/)

    // The plan must address education, then is approved and sent for the family's response.
    await sm.fill('#plan-wellbeing', 'Theraplay sessions with the support worker')
    await submit(sm, '#plan-submit')
    assert.match(await errors(sm), /education need not addressed/)
    await accessible(sm, 'the support plan refused beside its form')
    await sm.fill('#plan-wellbeing', 'Theraplay sessions with the support worker')
    await sm.fill('#plan-education_none', 'Settled at school')
    await submit(sm, '#plan-submit')
    assert.equal(await errors(sm), '')
    await submit(sm, '#approve-submit')
    assert.match(await partText(sm, 'plan'), /Sent to the family for their response/)

    // The support worker's visit and first call, recorded against the schedule.
    await sm.selectOption('#check_in-kind', 'visit')
    await sm.fill('#check_in-made', today)
    await sm.check('#check_in-series_complete')
    await submit(sm, '#check_in-submit')
    assert.equal(await errors(sm), '')
    await sm.selectOption('#check_in-kind', 'call')
    await sm.fill('#check_in-made', today)
    await sm.fill('#check_in-topics', 'The summer picnic and training')
    await submit(sm, '#check_in-submit')
    assert.equal(await errors(sm), '')
    const schedule = await partText(sm, 'checkins')
    assert.match(schedule, /Visit 6 weeks after\s+\S.*\s+Made /)
    assert.match(schedule, /month call\s+\S.*\s+Made /)
    await accessible(sm, 'the support with its plan, visit and call')
    await shot(sm, 'support')

    // A means-tested allowance: asked for, means tested, agreed by the manager.
    await Promise.all([sm.waitForNavigation(), sm.click('a:text-is("SGO and CAO allowance")')])
    await sm.waitForSelector('h1:has-text("SGO and CAO allowance")')
    await accessible(sm, 'a family\'s allowance')
    await last('#request-child')
    await sm.selectOption('#request-basis', 'child_in_care')
    await sm.fill('#request-on', today)
    await submit(sm, '#request-submit')
    assert.equal(await errors(sm), '')
    await submit(sm, '#agree-submit')
    assert.match(await errors(sm), /Allowance: choose the allowance/, 'nothing to agree before the means test')
    await accessible(sm, 'the allowance refused beside its form')
    await last('#means_test-allowance')
    await sm.fill('#means_test-completed', today)
    await sm.fill('#means_test-income', '420.00')
    await sm.fill('#means_test-outgoings', '380.00')
    await sm.fill('#means_test-weekly', '115.50')
    await submit(sm, '#means_test-submit')
    assert.equal(await errors(sm), '')
    assert.match(await partText(sm, 'allowances'), /Decision pending/)
    await last('#agree-allowance')
    await sm.fill('#agree-weeks', '52')
    await submit(sm, '#agree-submit')
    assert.equal(await errors(sm), '')
    const allowance = await partText(sm, 'allowances')
    assert.match(allowance, /Active\s+£115\.50/)
    assert.match(allowance, /income £420\.00, outgoings £380\.00/)
    await accessible(sm, 'an agreed allowance')
    await shot(sm, 'allowance')
    await context.close()
  } finally {
    await own.stop()
  }
})
