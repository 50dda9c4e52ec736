// Browser test in real Chromium of care leavers (issue 22): a social worker
// opens the care leavers' page, its "Pathway Plan missing" filter, and a
// young person's leaving-care page, and reviews their Pathway Plan with the
// young person's view (LEAVE-004, LEAVE-105); the Virtual School opens its
// page; a social worker opens the life story report and records a child's
// life story work, refused first without a social or support worker
// (CONT-001, CONT-002). Every page visited is checked with axe-core for WCAG 2.2 AA;
// screenshots under target/screenshots/leavers-*.png.
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
let base

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'leavers-browser-'))
  browser = await launchBrowser()
  const database = `sqlite:${join(folder, 'l.sqlite3')}`
  server = await startServer(['--demo', '--demo-children', '300', '--database', database], randomPort(9700, 100))
  base = server.base
})

after(async () => {
  await browser?.close()
  await server?.stop()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

async function as (username) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, base, username)
  return page
}

test("a care leaver's Pathway Plan is reviewed", async () => {
  const page = await as('social-worker.demo')
  await page.goto(`${base}/leavers`)
  await accessible(page, 'the care leavers')
  const rows = page.locator('#young-people ~ table tbody tr, main table tbody tr:has(a[href*="/leaving-care"])')
  assert.ok(await rows.count() > 0, 'the demo has care leavers in the first team')
  await page.goto(`${base}/leavers?show=missing`)
  await accessible(page, 'the Pathway Plan missing list')
  await page.goto(`${base}/leavers`)
  const planned = page.locator('main table tbody tr:has(a[href*="/leaving-care"]):not(:has-text("No plan"))').first()
  await Promise.all([page.waitForNavigation(), planned.locator('a').first().click()])
  assert.match(page.url(), /\/children\/[^/]+\/leaving-care$/)
  await accessible(page, "a young person's leaving-care page")

  // A review without the young person's view is refused, beside the field.
  await page.fill('#review-assessment', 'Ready for a supported tenancy; budgeting is improving.')
  await page.fill('#review-outcomes', 'Bid for a flat by the next review; attend the money course.')
  await submit(page, '#review-submit')
  assert.match(await page.locator('.govuk-error-summary').innerText(), /young person's view/i)
  await accessible(page, 'the review with an error')

  await page.fill('#review-voice', 'I feel ready to try living on my own.')
  await submit(page, '#review-submit')
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Saved: review the pathway plan/)
  const plan = await page.locator('main').innerText()
  assert.match(plan, /I feel ready to try living on my own\./)
  assert.match(plan, /Next update due by/)
  await accessible(page, 'the Pathway Plan reviewed')
  await shot(page, 'leavers-reviewed')
})

test("the Virtual School's page opens for its role", async () => {
  const page = await as('virtual-school.demo')
  await page.goto(`${base}/virtual-school`)
  assert.match(await page.locator('h1').innerText(), /Virtual School/)
  await accessible(page, "the Virtual School's page")
})

test("a child's life story work is recorded from the report of work to start", async () => {
  const page = await as('social-worker.demo')
  await page.goto(`${base}/life-story`)
  await accessible(page, 'the life story report')
  const toStart = page.locator('#to-start ~ div a[href$="/life-story"], main table a[href$="/life-story"]')
  if (await toStart.count() > 0) {
    await Promise.all([page.waitForNavigation(), toStart.first().click()])
  } else {
    await page.goto(`${base}/`)
    const child = page.locator('main a[href^="/children/C"]').first()
    await Promise.all([page.waitForNavigation(), child.click()])
    await Promise.all([page.waitForNavigation(), page.click('#record-links a:has-text("Life story work")')])
  }
  assert.match(page.url(), /\/children\/[^/]+\/life-story$/)
  await accessible(page, "a child's life story page")

  // Only the foster carer contributing: refused, beside the field (CONT-001).
  await page.check('#work-format_book')
  await page.check('#work-content_care_history')
  await page.selectOption('#work-contributor_1_part', 'foster_carer')
  await page.fill('#work-contributor_1_name', 'Ann Carer')
  await submit(page, '#work-submit')
  assert.match(await page.locator('.govuk-error-summary').innerText(), /social worker or a support worker/)
  await accessible(page, 'life story work refused without a social or support worker')

  await page.check('#work-format_book')
  await page.selectOption('#work-contributor_2_part', 'social_worker')
  await page.fill('#work-contributor_2_name', 'Sam Worker')
  await submit(page, '#work-submit')
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Saved: record the life story work/)
  assert.match(await page.locator('main').innerText(), /Sam Worker \(The child's social worker\)/)
  await accessible(page, 'the life story work recorded')
  await shot(page, 'leavers-life-story')
})
