// Browser test in real Chromium of the Permanence Passport: a service
// manager opens a demo special guardianship family's passport and its
// entitlements page (both checked with axe-core), prints the passport to
// PDF as Chromium does, and the PDF's text holds the passport (offer,
// entitlements, contacts) without the navigation, the links or any rule
// code. The PDF is saved as target/screenshots/passport.pdf.
//
// Run with `npm run browser-tests` after `cargo build`.

import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, launchBrowser, accessible, shot, shots, signIn, randomPort, pdfText } from './harness.mjs'

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
