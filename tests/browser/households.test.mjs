// Browser test in real Chromium of a kinship household: a supervising
// social worker adds a connected-person household with two members,
// records their DBS checks, links the child placed there and sees the
// first check's expiry on the worklist; a social worker of another team is
// refused the household, and the auditor finds the refusal in the audit
// log. Every page visited is checked with axe-core for WCAG 2.2 AA and
// screenshots are saved under target/screenshots/households-*.png.
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
  folder = mkdtempSync(join(tmpdir(), 'households-browser-'))
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

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** A Date as "20 February 2027", as the pages write dates. */
function long (date) {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`
}

test('a supervising social worker records a kinship household and its DBS checks; another team is refused, and the refusal is audited', async () => {
  const database = `sqlite:${join(folder, 'h.sqlite3')}`
  server = await startServer(['--demo', '--demo-children', '200', '--database', database], randomPort(9100, 100))
  const base = server.base

  // A child the social worker of the first team may not see: the one to place.
  const worker = await as(base, 'social-worker.demo')
  const ssw = await as(base, 'supervising-social-worker.demo')
  await ssw.goto(`${base}/children`)
  const hrefs = await ssw.locator('main table tbody a[href^="/children/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
  let child
  for (const href of hrefs) {
    const reply = await worker.goto(`${base}${href}`)
    if (reply.status() === 403) {
      child = href.replace('/children/', '')
      break
    }
  }
  assert.ok(child, 'a child of another team than the social worker\'s')

  // ------------------------------------------------------ the household
  await ssw.goto(`${base}/households`)
  await accessible(ssw, 'the demo council\'s households')
  await submit(ssw, '#add-household')
  await ssw.waitForSelector('h1:has-text("Add a household")')
  await accessible(ssw, 'adding a household')
  await ssw.fill('#household-name', 'The Okafor family')
  await ssw.selectOption('#household-team', 'Kinship')
  await ssw.selectOption('#household-role', 'connected_person')
  await ssw.fill('#household-address', '12 Mill Lane')
  await ssw.fill('#household-postcode', 'LE3 8RA')
  await submit(ssw, '#household-submit')
  await ssw.waitForSelector('h1:has-text("The Okafor family")')
  const householdUrl = ssw.url()
  assert.match(householdUrl, /\/households\/H\d{5}$/)
  await accessible(ssw, 'the new household')

  for (const [name, relationship] of [['Grace Okafor', 'grandmother'], ['Sam Okafor', 'grandfather']]) {
    await ssw.fill('#member-name', name)
    await ssw.fill('#member-relationship', relationship)
    await ssw.fill('#member-date_of_birth', '02/04/1961')
    await ssw.fill('#member-languages', 'English, Yoruba')
    await submit(ssw, '#member-submit')
    assert.match(await ssw.locator('.govuk-notification-banner').innerText(), /Member added/)
  }

  // DBS checks: Grace's expires in 30 days, Sam's in three years.
  const today = parseUk(await ssw.inputValue('#check-done'))
  const soon = new Date(today.getTime() + 30 * 86400000)
  const later = new Date(today.getTime() + 3 * 365 * 86400000)
  const members = await ssw.locator('#check-person option').allInnerTexts()
  assert.deepEqual(members, ['Grace Okafor', 'Sam Okafor'])
  for (const [member, expires] of [['Grace Okafor', soon], ['Sam Okafor', later]]) {
    await ssw.selectOption('#check-person', { label: member })
    await ssw.selectOption('#check-kind', 'dbs')
    await ssw.fill('#check-expires', uk(expires))
    await submit(ssw, '#check-submit')
    assert.match(await ssw.locator('.govuk-notification-banner').innerText(), /Check recorded/)
  }
  const checks = await ssw.locator('table:has(caption:text-is("Checks")) tbody tr').allInnerTexts()
  assert.equal(checks.length, 2)
  assert.match(checks[0], new RegExp(`Grace Okafor\\s+DBS check.*${long(soon)}\\s+Expires soon`))
  assert.match(checks[1], /Sam Okafor\s+DBS check.*In date/)

  // The child placed with them.
  await ssw.fill('#link-child', child)
  await ssw.selectOption('#link-link', 'placed_with')
  await submit(ssw, '#link-submit')
  assert.match(await ssw.locator('.govuk-notification-banner').innerText(), /Child linked/)
  assert.equal(await ssw.locator(`table:has(caption:text-is("Children linked")) a[href="/children/${child}"]`).count(), 1)
  await accessible(ssw, 'the household with members, checks and a child')
  await shot(ssw, 'households-record')

  // ------------------------------------------------------ the worklist
  await ssw.goto(`${base}/worklist`)
  const line = ssw.locator('main table tbody tr:has-text("DBS check of Grace Okafor expires")')
  assert.equal(await line.count(), 1, 'the expiry is on the worklist')
  assert.match(await line.innerText(), new RegExp(long(soon)))
  assert.equal(await line.locator('a').first().getAttribute('href'), householdUrl.replace(base, ''))
  await accessible(ssw, 'the worklist with the household line')
  await shot(ssw, 'households-worklist')

  // The list finds it by role and name.
  await ssw.goto(`${base}/households?role=connected_person&q=okafor`)
  assert.equal(await ssw.locator('main table tbody a:has-text("The Okafor family")').count(), 1)
  await accessible(ssw, 'the list of households')

  // ------------------------------------------------------ another team
  const refused = await worker.goto(householdUrl)
  assert.equal(refused.status(), 403)
  assert.match(await worker.locator('main').innerText(), /You do not have permission to open this household's record/)
  assert.doesNotMatch(await worker.locator('main').innerText(), /Okafor/)
  await accessible(worker, 'the refusal')
  await shot(worker, 'households-refused')

  const auditor = await as(base, 'auditor.demo')
  await auditor.goto(`${base}/audit?action=view_household_denied`)
  const id = householdUrl.split('/').pop()
  const denied = auditor.locator(`main table tbody tr:has-text("${id}")`)
  assert.equal(await denied.count(), 1, 'the refusal is in the audit log')
  assert.match(await denied.innerText(), /social-worker\.demo/)
  await accessible(auditor, 'the audit log')
})
