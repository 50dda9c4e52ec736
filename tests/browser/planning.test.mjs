// Browser tests in real Chromium of permanence planning as people meet it:
// the agency decision maker decides a Permanence Panel recommendation from
// their worklist and the decision letter prints as a document; permanence
// achieved is refused to a social worker while the plan's milestones are
// open and recorded by a team manager's override (then reversed by them).
// Every page is checked with axe-core (WCAG 2.2 AA); screenshots are saved
// under target/screenshots/planning-*.png.
//
// Run with `npm run browser-tests` after `cargo build`.

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
  folder = mkdtempSync(join(tmpdir(), 'planning-browser-'))
  browser = await launchBrowser()
  const database = `sqlite:${join(folder, 'p.sqlite3')}`
  server = await startServer(['--demo', '--demo-children', '400', '--database', database], randomPort(9200, 100))
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

test('the agency decision maker decides a recommendation from the worklist and the decision letter prints as a document', async () => {
  const base = server.base
  const adm = await as('agency-decision-maker.demo')
  await adm.goto(`${base}/worklist?rule=PANEL-006`)
  await adm.waitForSelector('h1')
  await accessible(adm, 'the worklist of decisions awaiting the ADM')
  await shot(adm, 'planning-adm-worklist')
  const link = adm.locator('main a[href$="/plan/decision"]').first()
  assert.ok(await link.count(), 'a recommendation awaits the agency decision maker and its item links to the decision')
  await Promise.all([adm.waitForNavigation(), link.click()])
  assert.match(adm.url(), /\/referrals\/[^/#]+#next$/, `the item leads to the referral's decision form: ${adm.url()}`)
  await adm.waitForSelector('#adm-agreed')
  assert.equal(await tag(adm), 'Recommendation - awaiting ADM')
  await accessible(adm, 'the recommendation awaiting the decision')
  await adm.selectOption('#adm-agreed', 'yes')
  const reasons = 'I agree: the carers meet the child\'s needs now and into adulthood.'
  await adm.fill('#adm-reasons', reasons)
  await submit(adm, '#adm-submit')
  assert.equal(await errors(adm), '', 'the decision is recorded')
  assert.match(await adm.locator('main').innerText(), /The decision letter is ready to print and send/)
  await accessible(adm, 'the decided referral')
  await shot(adm, 'planning-adm-decided')

  await submit(adm, 'a:has-text("Decision letter")')
  await adm.waitForSelector('h1')
  const letter = await adm.locator('main').innerText()
  assert.match(letter, /Our reference/, 'the letter has a reference')
  assert.match(letter, /Date\s+\d{1,2} [A-Z][a-z]+ \d{4}/, 'the letter is dated')
  assert.match(letter, /^Dear /m, 'the letter greets its addressee')
  assert.ok(letter.includes(reasons), 'the letter gives the decision maker\'s reasons')
  assert.match(letter, /Yours sincerely\s+.+\s+Agency Decision Maker/, 'the agency decision maker signs it by name')
  assert.doesNotMatch(letter, /agency-decision-maker\.demo/, 'people are named, not their accounts')
  assert.doesNotMatch(letter, /\b[A-Z]{3,5}-\d{3}\b/, 'no rule codes in a letter')
  await accessible(adm, 'the decision letter')
  await shot(adm, 'planning-decision-letter')
  await submit(adm, 'a:has-text("the letter to the child")')
  assert.match(await adm.locator('main').innerText(), /^Dear [A-Z][a-z]+$/m, 'the child is greeted by their first name')
  await accessible(adm, 'the decision letter to the child')

  // Printed, the letter is a document: no navigation, back link or links to other versions.
  await adm.emulateMedia({ media: 'print' })
  for (const selector of ['.govuk-service-navigation', '.govuk-back-link', '.app-no-print', '.govuk-footer']) {
    assert.equal(await adm.locator(selector).first().isVisible(), false, `${selector} is not printed`)
  }
  assert.equal(await adm.locator('h1').isVisible(), true)
  await shot(adm, 'planning-decision-letter-print')
  await adm.context().close()
})

test('permanence achieved is refused with open milestones and recorded with a manager\'s override, who may reverse it', async () => {
  const base = server.base
  const worker = await as('social-worker.demo')
  await worker.goto(`${base}/tracking`)
  await worker.waitForSelector('h1:has-text("Permanence tracking")')
  const headers = (await worker.locator('table thead th').allInnerTexts()).map((h) => h.trim())
  const statusColumn = headers.indexOf('Status')
  assert.ok(statusColumn >= 0, `the tracking table has a Status column (headers: ${headers.join(', ')})`)
  const rows = worker.locator('table tbody tr')
  const candidates = []
  for (let i = 0; i < await rows.count(); i++) {
    const cells = rows.nth(i).locator('td')
    if ((await cells.nth(statusColumn).innerText()).trim() === 'Ratified') {
      candidates.push(await cells.first().locator('a').getAttribute('href'))
    }
  }
  // A ratified plan with a milestone still open.
  let planHref
  for (const href of candidates) {
    await worker.goto(`${base}${href}`)
    if ((await worker.locator('main').innerText()).includes('These milestones are still open')) {
      planHref = href
      break
    }
  }
  assert.ok(planHref, `a ratified plan of the team has open milestones (${candidates.length} ratified)`)
  await worker.waitForSelector('h2:has-text("Permanence achieved")')
  assert.equal(await worker.locator('#achieve-submit').count(), 0, 'the social worker is not offered it while milestones are open')
  assert.match(await worker.locator('main').innerText(), /or by a team or service manager who gives the reason/)
  await accessible(worker, 'the plan with open milestones, for the social worker')
  await shot(worker, 'planning-achieved-refused')

  const manager = await as('team-manager.demo')
  await manager.goto(`${base}${planHref}`)
  await manager.waitForSelector('#achieve-submit')
  await accessible(manager, 'the plan with open milestones, for the team manager')
  const arrangement = await manager.locator('#achieve-arrangement').inputValue()
  if (arrangement.endsWith('_order')) await manager.fill('#achieve-carer', 'Jo and Sam Carer')
  await submit(manager, '#achieve-submit')
  assert.match(await errors(manager), /milestones are open/, 'refused without the reason for overriding')
  await accessible(manager, 'the refusal without a reason')
  if (arrangement.endsWith('_order')) await manager.fill('#achieve-carer', 'Jo and Sam Carer')
  await manager.fill('#achieve-reasons', 'The order was made early; the remaining step is no longer needed.')
  await submit(manager, '#achieve-submit')
  assert.equal(await errors(manager), '', 'the manager records it with the reason')
  assert.equal(await tag(manager), 'Achieved')
  assert.match(await manager.locator('main').innerText(), /Recorded with milestones open/)
  await accessible(manager, 'the plan recorded as achieved')
  await shot(manager, 'planning-achieved-override')

  await manager.fill('#reverse-reasons', 'Recorded against the wrong child.')
  await submit(manager, '#reverse-submit')
  assert.equal(await errors(manager), '', 'the manager reverses it with the reason')
  assert.notEqual(await tag(manager), 'Achieved')
  assert.match(await manager.locator('main').innerText(), /reversed on .* Recorded against the wrong child\./)
  await accessible(manager, 'the plan after the reversal')
  await shot(manager, 'planning-achieved-reversed')
  for (const page of [worker, manager]) await page.context().close()
})
