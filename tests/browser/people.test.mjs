// Browser journeys in real Chromium for issue 16's people, exports,
// subject access and service chrome (items 3, 6, 7 and 8): the auditor
// answers a subject access request found by the child's name and date of
// birth, and gets the plan and the panel letters. Every page visited is
// checked with axe-core for WCAG 2.2 AA; screenshots are saved under
// target/screenshots/people-*.png.
//
// Run with `npm run browser-tests` after `cargo build`.

import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, launchBrowser, accessible, shot, signIn, randomPort } from './harness.mjs'

let browser
let folder
let server

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'people-browser-'))
  browser = await launchBrowser()
  server = await startServer(['--demo', '--demo-children', '200', '--database', `sqlite:${join(folder, 'people.sqlite3')}`], randomPort(9100, 100))
})

after(async () => {
  await browser?.close()
  await server?.stop()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

/** A page signed in as the user, in a browser context of their own. */
async function as (username, options = {}) {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  await signIn(page, server.base, username)
  return page
}

/** The value of a summary-list row. */
async function row (page, key) {
  const dd = page.locator(`.govuk-summary-list__row:has(dt.govuk-summary-list__key:text-is("${key}")) dd`)
  return (await dd.first().innerText()).trim()
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** A child whose panel referral has an outcome letter: [child id, referral id]. */
async function childWithALetter (page) {
  const base = server.base
  await page.goto(`${base}/panels`)
  const meetings = await page.locator('a[href^="/panels/meetings/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
  for (const meeting of meetings) {
    await page.goto(`${base}${meeting}`)
    const referrals = await page.locator('main a[href^="/referrals/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    for (const referral of referrals) {
      await page.goto(`${base}${referral}`)
      if (await page.locator(`a[href="${referral}/letter"]`).count()) {
        const id = referral.replace('/referrals/', '')
        return [id.replace(/-R\d+$/, ''), id]
      }
    }
  }
  throw new Error('no referral with an outcome letter in the demo council')
}

test('a subject access request found by name and date of birth returns the plan and the panel letters', async () => {
  const base = server.base
  const manager = await as('service-manager.demo')
  const [child, referral] = await childWithALetter(manager)
  await manager.goto(`${base}/children/${child}`)
  const name = (await manager.locator('h1').first().innerText()).trim()
  const [day, month, year] = (await row(manager, 'Date of birth')).split(' ')

  const auditor = await as('auditor.demo')
  await auditor.goto(`${base}/audit/subject-access`)
  await accessible(auditor, 'the subject access search')
  // The family name first, in lower case, as a person might type it.
  const words = name.split(' ')
  await auditor.fill('#name', [words.at(-1), ...words.slice(0, -1)].join(' ').toLowerCase())
  await auditor.fill('#dob-day', day)
  await auditor.fill('#dob-month', String(MONTHS.indexOf(month) + 1))
  await auditor.fill('#dob-year', year)
  await Promise.all([auditor.waitForNavigation(), auditor.click('#find-by-name')])
  let heading = (await auditor.locator('h1').innerText()).trim()
  if (heading === 'Subject access') {
    // Two children share the name and birthday: choose ours.
    await Promise.all([auditor.waitForNavigation(), auditor.click(`#matches a[href$="${child}"]`)])
    heading = (await auditor.locator('h1').innerText()).trim()
  }
  assert.equal(heading, `${name} (${child})`)
  const text = await auditor.locator('main').innerText()
  for (const section of ['Permanence plan, every version', 'Panel referrals and outcomes', 'Panel letters', 'Who has read or changed this record']) {
    assert.ok(text.includes(section), `the record has "${section}"`)
  }
  const plans = auditor.locator('table:has(caption:text-is("Permanence plan, every version")) tbody tr')
  assert.ok(await plans.count() >= 1, 'the plan is there')
  const letters = auditor.locator('table:has(caption:text-is("Panel letters")) tbody tr')
  assert.ok(await letters.count() >= 1, 'the panel letters are there')
  assert.ok((await letters.first().innerText()).includes("The panel's view was: "))
  assert.ok(text.includes(referral))
  assert.ok(text.includes('Service manager') || text.includes('Richard Osei'), 'who viewed the record, by name')
  await accessible(auditor, 'the subject access record')
  await shot(auditor, 'people-subject-access')
})

/** The widest the page's content reaches, in CSS pixels. */
async function pageWidth (page) {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth))
}

test('at 375 pixels wide no page is wider than the phone: tables scroll inside their box', async () => {
  const base = server.base
  const phone = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
  const visits = [
    ['service-manager.demo', ['/', '/?all=yes', '/tracking', '/worklist', '/panels', '/accessibility', '/privacy']],
    ['social-worker.demo', ['/', '/worklist']],
    ['auditor.demo', ['/audit', '/audit/subject-access']]
  ]
  for (const [user, paths] of visits) {
    const page = await as(user, phone)
    for (const path of paths) {
      await page.goto(`${base}${path}`)
      const width = await pageWidth(page)
      assert.ok(width <= 375, `${path} as ${user} is ${width}px wide at 375px`)
    }
    if (user === 'service-manager.demo') {
      // A child's record and their plan, reached from the tracking list.
      await page.goto(`${base}/tracking`)
      const plan = await page.locator('main table a[href$="/plan"]').first().getAttribute('href')
      for (const path of [plan, plan.replace(/\/plan$/, '')]) {
        await page.goto(`${base}${path}`)
        const width = await pageWidth(page)
        assert.ok(width <= 375, `${path} is ${width}px wide at 375px`)
      }
      const scroller = page.locator('.app-table-scroll').first()
      if (await scroller.count()) {
        assert.equal(await scroller.getAttribute('tabindex'), '0', 'a scrolling table can be reached by keyboard')
      }
      await accessible(page, 'a child record at 375px')
      await page.goto(`${base}/tracking`)
      const [inner, box] = await page.locator('.app-table-scroll').first().evaluate((e) => [e.scrollWidth, e.clientWidth])
      assert.ok(inner > box, `the tracking table (${inner}px) is wider than the phone and scrolls inside its ${box}px box`)
      await accessible(page, 'the tracking list at 375px')
      await shot(page, 'people-tracking-375')
    }
  }
})

test('the audit log says a bad date is wrong, in an error summary, and offers actions from a list', async () => {
  const base = server.base
  const auditor = await as('auditor.demo')
  await auditor.goto(`${base}/audit`)
  await accessible(auditor, 'the audit log')
  const options = await auditor.locator('#action option').allInnerTexts()
  assert.ok(options.includes('All actions') && options.includes('Sign in'), `actions from a list: ${options.join(', ')}`)
  assert.ok(!(await auditor.locator('main').innerText()).includes('UTC'), 'times on UK clocks')
  await auditor.fill('#from', '31/02/2026')
  await Promise.all([auditor.waitForNavigation(), auditor.click('button:has-text("Apply filters")')])
  const summary = auditor.locator('.govuk-error-summary')
  assert.ok(await summary.isVisible(), 'an error summary')
  assert.ok((await summary.innerText()).includes('From must be a real date, for example 27/3/2026'))
  assert.match(await auditor.title(), /^Error: Audit log/)
  await accessible(auditor, 'the audit log with a filter error')
  await shot(auditor, 'people-audit-error')
  // The summary's link leads to the field.
  await auditor.click('.govuk-error-summary a[href="#from"]')
  assert.equal(await auditor.evaluate(() => document.activeElement?.id), 'from')
  await auditor.selectOption('#action', 'sign_in')
  await auditor.fill('#from', '')
  await Promise.all([auditor.waitForNavigation(), auditor.click('button:has-text("Apply filters")')])
  assert.equal(await auditor.locator('.govuk-error-summary').count(), 0)
  const actions = await auditor.locator('main table tbody tr td:nth-child(3)').allInnerTexts()
  assert.ok(actions.length > 0 && actions.every((a) => a.trim() === 'Sign in'), `only sign-ins: ${actions.slice(0, 3).join(', ')}`)
})
