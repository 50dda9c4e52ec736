// Browser test in real Chromium of adopters from enquiry to approval
// (WF-ADOPTER): an assessing social worker adds a household with its
// applicant and Stage One checks, records the adoption enquiry, the initial
// visit and the registration of interest (Stage One's deadline, ADOPT-029,
// appears on the worklist), completes Stage One (the line clears), Stage
// Two with the PAR; the panel adviser records the panel's recommendation
// (the agency decision's deadline, ADOPT-033, appears on the decision
// maker's worklist) and the agency decision maker approves the adopters
// with their terms (it clears); a family finder runs a match for a sibling
// pair, records the adopters' expression of interest and takes the match to
// the adoption panel. Every page visited is checked with
// axe-core for WCAG 2.2 AA; screenshots under target/screenshots/adoption-*.png.
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
  folder = mkdtempSync(join(tmpdir(), 'adoption-browser-'))
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

/** "27/03/2026" as a Date (UTC). */
function parseUk (text) {
  const [d, m, y] = text.split('/').map(Number)
  return new Date(Date.UTC(y, m - 1, d))
}

/** A Date as "27/03/2026". */
function uk (date) {
  return `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`
}

/** The worklist's line of the family for the rule, as the user sees it. */
async function worklistLine (page, base, family, rule) {
  await page.goto(`${base}/worklist`)
  return page.locator(`#families tbody tr:has-text("${family}"):has-text("${rule}")`)
}

/** Takes a step on the adopter's page on `date`, after `fill`; checks the banner. */
async function step (page, name, date, fill = async () => {}) {
  await fill()
  await page.fill(`#step-${name}-date`, uk(date))
  await submit(page, `#step-${name}-submit`)
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Recorded/, name)
}

test('adopters go from enquiry through Stage One, Stage Two, the panel and the agency decision to approval, each deadline appearing and clearing on the worklist', async () => {
  const database = `sqlite:${join(folder, 'a.sqlite3')}`
  server = await startServer(['--demo', '--demo-children', '200', '--database', database], randomPort(9300, 100))
  const base = server.base
  const family = 'The Adebayo family'

  // ------------------------------------------------------ the household
  const asw = await as(base, 'assessing-social-worker.demo')
  await asw.goto(`${base}/households/new`)
  await asw.fill('#household-name', family)
  await asw.selectOption('#household-team', 'Adoption')
  await asw.fill('#household-address', '3 Mill Lane')
  await asw.fill('#household-postcode', 'LE3 8RA')
  await submit(asw, '#household-submit')
  await asw.waitForSelector(`h1:has-text("${family}")`)
  const household = asw.url().split('/').pop()
  await asw.fill('#member-name', 'Tola Adebayo')
  await asw.fill('#member-relationship', 'applicant')
  await asw.fill('#member-date_of_birth', '02/04/1984')
  await submit(asw, '#member-submit')

  const today = parseUk(await asw.inputValue('#check-done'))
  const day = (n) => new Date(today.getTime() + n * 86400000)
  for (const kind of ['dbs', 'medical', 'references', 'local_authority']) {
    await asw.selectOption('#check-kind', kind)
    await asw.fill('#check-done', uk(day(-30)))
    await submit(asw, '#check-submit')
    assert.match(await asw.locator('.govuk-notification-banner').innerText(), /Check recorded/)
  }

  // ------------------------------------------------------ the enquiry
  await Promise.all([asw.waitForNavigation(), asw.click('a:has-text("Record an adoption enquiry")')])
  await accessible(asw, 'recording an adoption enquiry')
  assert.equal(await asw.inputValue('#enquiry-household'), household)
  await asw.fill('#enquiry-received', uk(day(-60)))
  await asw.fill('#enquiry-next_event', uk(day(-65)))
  await submit(asw, '#enquiry-submit')
  assert.match(await asw.locator('.govuk-error-summary').innerText(), /information event cannot be before the enquiry/)
  await accessible(asw, 'the enquiry with its error')
  await asw.fill('#enquiry-received', uk(day(-60)))
  await asw.fill('#enquiry-next_event', uk(day(-52)))
  await asw.fill('#enquiry-worker', 'SW5')
  await submit(asw, '#enquiry-submit')
  await asw.waitForSelector(`h1:has-text("${family}")`)
  const adopterUrl = asw.url()
  // The household started with the role the form offers first; the enquiry adds its adopter role.
  assert.match(adopterUrl, new RegExp(`/adopters/${household}-R\\d+$`))
  await accessible(asw, 'the adopter\'s page at enquiry')

  // ------------------------------------------------------ Stage One
  await step(asw, 'visit', day(-55))
  await step(asw, 'register', day(-50))
  assert.equal(await asw.locator('table:has(caption:text-is("Deadlines")) tbody tr:has-text("ADOPT-029")').count(), 1)
  await shot(asw, 'adoption-stage-one')
  let line = await worklistLine(asw, base, family, 'ADOPT-029')
  assert.equal(await line.count(), 1, 'Stage One is due on the worklist')
  await accessible(asw, 'the worklist with the adopters\' Stage One')
  await asw.goto(adopterUrl)
  await step(asw, 'complete_stage_one', day(-20))
  line = await worklistLine(asw, base, family, 'ADOPT-029')
  assert.equal(await line.count(), 0, 'Stage One done clears it')

  // ------------------------------------------------------ Stage Two
  await asw.goto(adopterUrl)
  await step(asw, 'start_stage_two', day(-19))
  await asw.fill('#step-complete_stage_two-date', uk(day(-3)))
  await submit(asw, '#step-complete_stage_two-submit')
  assert.match(await asw.locator('.govuk-error-summary').innerText(), /prospective adopter's report/)
  await accessible(asw, 'Stage Two without its PAR')
  await step(asw, 'complete_stage_two', day(-3), () => asw.fill('#step-complete_stage_two-par', uk(day(-4))))
  await accessible(asw, 'the adopters at panel')

  // ------------------------------------------------------ the panel and the decision
  const adviser = await as(base, 'panel-adviser.demo')
  await adviser.goto(adopterUrl)
  await step(adviser, 'recommend', day(-2), () => adviser.selectOption('#step-recommend-recommendation', 'suitable'))
  const adm = await as(base, 'agency-decision-maker.demo')
  line = await worklistLine(adm, base, family, 'ADOPT-033')
  assert.equal(await line.count(), 1, 'the agency decision is due on the decision maker\'s worklist')
  await accessible(adm, 'the decision maker\'s worklist')
  await adm.goto(adopterUrl)
  await accessible(adm, 'the adopters before the agency decision maker')
  await adm.fill('#step-approve-youngest', '0')
  await adm.fill('#step-approve-oldest', '4')
  await adm.selectOption('#step-approve-children', '2')
  await adm.check('#step-approve-siblings')
  await adm.check('#step-approve-need_health')
  await adm.fill('#step-approve-date', uk(today))
  await submit(adm, '#step-approve-submit')
  line = await worklistLine(adm, base, family, 'ADOPT-033')
  assert.equal(await line.count(), 0, 'the decision clears it')

  await asw.goto(adopterUrl)
  const summary = await asw.locator('main').innerText()
  assert.match(summary, /Approved - waiting/)
  assert.match(summary, /up to 2 children, a sibling group aged 0 to 4; can meet health needs/)
  await accessible(asw, 'the approved adopters')
  await shot(asw, 'adoption-approved')

  // ------------------------------------------------------ a match for a sibling pair
  // The family finder finds two children waiting through the reverse match,
  // runs the match for them as a sibling pair, records these adopters'
  // expression of interest, links the match and takes it to the adoption panel.
  const role = adopterUrl.split('/').pop()
  const finder = await as(base, 'family-finder.demo')
  await finder.goto(`${base}/adopters/${role}/children`)
  await accessible(finder, 'the children waiting for the adopters')
  const waiting = [...new Set((await finder.locator('#ranked ~ div table tbody').first().innerText()).match(/C\d+/g))]
  assert.ok(waiting.length >= 2, 'two children wait in the demo')
  await finder.goto(`${base}/adopters/match`)
  await finder.fill('#match-child_ids', `${waiting[0]}, ${waiting[1]}`)
  await submit(finder, '#match-submit')
  assert.match(await finder.locator('main').innerText(), /For the sibling group/)
  await accessible(finder, 'the adopters ranked for a sibling pair')
  await finder.selectOption('#interest-role_id', role)
  await submit(finder, '#interest-submit')
  await finder.waitForSelector('h1:has-text("Match")')
  const matchUrl = finder.url()
  assert.match(await finder.locator('main').innerText(), /Expression of interest/)
  await accessible(finder, 'the match at its expression of interest')
  // The reply to the expression of interest is due in 7 days (ADOPT-021).
  line = await worklistLine(finder, base, family, 'ADOPT-021')
  assert.equal(await line.count(), 1, 'the reply to the interest is due on the worklist')
  await accessible(finder, 'the worklist with the match\'s reply due')
  await finder.goto(matchUrl)
  await submit(finder, '#step-link-submit')
  line = await worklistLine(finder, base, family, 'ADOPT-021')
  assert.equal(await line.count(), 0, 'linking the match answers the interest')
  await finder.goto(matchUrl)
  await finder.waitForSelector('#step-to_panel-submit')
  // The papers lack the draft introductions plan: refused (ADOPT-037).
  await submit(finder, '#step-to_panel-submit')
  assert.match(await finder.locator('.govuk-error-summary').innerText(), /draft introductions plan/)
  await accessible(finder, 'the match refused at panel without its introductions plan')
  await finder.check('#step-to_panel-paper_introductions_plan')
  // EDU-001: the evidence of the adopters' commitment to education goes with it.
  await finder.fill('#step-to_panel-education_commitment', 'Both adopters met the Virtual School and visited the nursery')
  await submit(finder, '#step-to_panel-submit')
  assert.match(await finder.locator('main').innerText(), /At the adoption panel/)
  await shot(finder, 'adoption-match-at-panel')
  await Promise.all([finder.waitForNavigation(), finder.click('a:has-text("The adoption panel meeting")')])
  const matchId = matchUrl.split('/').pop()
  assert.equal(await finder.locator(`#adoption-items ~ div table tbody tr:has-text("${matchId}")`).count(), 1, 'the match is on the panel\'s agenda')
  await accessible(finder, 'the adoption panel meeting with the match')
})
