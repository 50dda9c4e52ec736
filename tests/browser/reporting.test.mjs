// Browser journey in real Chromium for issue 23's performance reporting:
// a performance analyst opens the figures from their home page, follows a
// figure to the children behind it (by identifier only), exports the
// table as CSV and XLSX and opens the committee report laid out for paper. Every page visited is checked with axe-core for
// WCAG 2.2 AA; screenshots are saved under target/screenshots/reporting-*.png.
//
// Run with `npm run browser-tests` after `cargo build -p cli`.

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
  folder = mkdtempSync(join(tmpdir(), 'reporting-browser-'))
  browser = await launchBrowser()
  server = await startServer(['--demo', '--demo-children', '200', '--database', `sqlite:${join(folder, 'reporting.sqlite3')}`], randomPort(9300, 100))
})

after(async () => {
  await browser?.close()
  await server?.stop()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

test('an analyst opens the figures, follows one to its children and exports the table', async () => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, server.base, 'performance-analyst.demo')

  // The home page links to the performance measures.
  await accessible(page, 'the analyst home page')
  await Promise.all([page.waitForNavigation(), page.click('main a[href="/performance"]')])
  assert.match(await page.locator('h1').innerText(), /^Performance: \d{4}-\d{2}$/)
  await accessible(page, 'the performance page')
  await shot(page, 'reporting-performance')

  // Every measure is listed; each the records give has a trend chart with
  // its table, and one they cannot give says why instead of a chart.
  const listed = await page.locator('#measures tbody tr').count()
  const notMeasured = await page.locator('#measures tbody tr a[id^="figure-"]:has-text("Not measured")').count()
  assert.equal(listed, 131)
  assert.ok(notMeasured > 0 && notMeasured < listed, `not measured: ${notMeasured}`)
  const charts = listed - notMeasured
  assert.equal(await page.locator('figure svg[role="img"]').count(), charts)
  assert.equal(await page.locator('p:has-text("Not measured:")').count(), notMeasured)
  for (const tag of await page.locator('#measures strong.govuk-tag').allInnerTexts()) {
    assert.match(tag, /^(Green|Amber|Red): /)
  }

  // The children in care figure leads to the children behind it.
  const figure = page.locator('#figure-cic-01')
  const counts = (await page.locator('tr:has(#figure-cic-01) .govuk-hint').last().innerText()).trim()
  const children = Number(counts.replace(' children', ''))
  assert.ok(children > 0, `children in care: ${counts}`)
  await Promise.all([page.waitForNavigation(), figure.click()])
  assert.match(page.url(), /\/performance\/cic-01\?period=/)
  assert.match(await page.locator('h1').innerText(), /Children in care \(KPI-CIC-01\)/)
  await accessible(page, 'the children behind a figure')
  await shot(page, 'reporting-children')
  const rows = page.locator('main table tbody tr')
  assert.equal(await rows.count(), children)
  assert.equal(await page.locator('main table tbody td:text-is("Not shown")').count(), children, 'an analyst sees no names')
  assert.match(await rows.first().innerText(), /Counted\s+In care on/)

  // Back on the page, the table downloads as CSV and as a spreadsheet.
  await page.goBack()
  const csvHref = await page.locator('#export-csv').getAttribute('href')
  const csv = await context.request.get(`${server.base}${csvHref}`)
  assert.equal(csv.status(), 200)
  assert.match(csv.headers()['content-type'], /^text\/csv/)
  const text = await csv.text()
  assert.match(text, /Measure ID,Measure,Period,Value/)
  assert.match(text, /KPI-CIC-01,Children in care,/)
  assert.equal(text.trim().split('\r\n').length, listed + 1)
  const xlsx = await context.request.get(`${server.base}${await page.locator('#export-xlsx').getAttribute('href')}`)
  assert.equal(xlsx.status(), 200)
  assert.match(xlsx.headers()['content-type'], /spreadsheetml/)

  // The committee report: a section to a printed page, each measure's chart
  // with its table, and the figures lead to the children behind them.
  await Promise.all([page.waitForNavigation(), page.click('#committee-report')])
  assert.match(await page.locator('h1').innerText(), /^Performance report for the committee: \d{4}-\d{2}$/)
  await accessible(page, 'the committee report')
  assert.equal(await page.locator('section.app-report-section').count(), 12)
  assert.equal(await page.locator('figure svg[role="img"]').count(), charts)
  await page.emulateMedia({ media: 'print' })
  await shot(page, 'reporting-committee-print')
  assert.equal(await page.locator('.govuk-service-navigation').isVisible(), false, 'no navigation on paper')
  await page.emulateMedia({ media: 'screen' })
  await Promise.all([page.waitForNavigation(), page.locator('section a[href^="/performance/adp-16?"]').first().click()])
  assert.match(await page.locator('h1').innerText(), /Children placed for adoption \(KPI-ADP-16\)/)
  await context.close()
})
