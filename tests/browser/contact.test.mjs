// Browser test in real Chromium of contact and missing children (issue 22):
// the Letterbox coordinator follows a worklist line to a Letterbox, logs a
// letter with an address in it, sees the screener's flag, forwards it after
// redaction (CONT-007), and holds another with a reason, the page saying
// what its sender is told (CONT-011); a social worker records three missing
// episodes in 90 days and the strategy meeting alert appears on the missing
// page and the child's record (MISS-001). Every page visited is checked
// with axe-core for WCAG 2.2 AA; screenshots under target/screenshots/contact-*.png.
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
  folder = mkdtempSync(join(tmpdir(), 'contact-browser-'))
  browser = await launchBrowser()
  const database = `sqlite:${join(folder, 'c.sqlite3')}`
  server = await startServer(['--demo', '--demo-children', '300', '--database', database], randomPort(9500, 100))
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

function uk (date) {
  return `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`
}

async function banner (page) {
  return page.locator('.govuk-notification-banner').innerText()
}

/** Logs a letter on the Letterbox page; returns its item number. */
async function receive (page, text) {
  await page.fill('#receive-sender', 'The adopters')
  await page.fill('#receive-text', text)
  await submit(page, '#receive-submit')
  return (await banner(page)).match(/Item (\d+) was received/)[1]
}

test('a letter goes through the Letterbox from receipt to forwarding and another is held with a reason', async () => {
  const page = await as('post-order-support-worker.demo')
  await page.goto(`${base}/worklist`)
  const line = page.locator('main table tbody tr:has-text("Letterbox item")').first()
  assert.match(await line.innerText(), /CONT-007/)
  await accessible(page, 'the worklist with a Letterbox item')
  await Promise.all([page.waitForNavigation(), line.locator('a').first().click()])
  assert.match(page.url(), /\/children\/[^/]+\/letterbox\/[^/]+$/)
  await accessible(page, 'the Letterbox')

  const first = await receive(page, 'Dear Karen,\nWe are at 14 Beech Road now and Sam is well.')
  assert.match(await banner(page), /flagged 1 thing to check/)
  assert.match(await page.locator('main').innerText(), /An address or a place at line 2/)
  await accessible(page, 'the letter flagged')
  await shot(page, 'contact-flagged')
  await page.selectOption(`#decide-${first}-decision`, 'forward')
  await page.fill(`#decide-${first}-reasons`, 'Read in full')
  await page.fill(`#decide-${first}-redactions`, 'The street name, blacked out')
  await submit(page, `#decide-${first}-submit`)
  assert.match(await banner(page), new RegExp(`Item ${first} passed screening`))
  await submit(page, `#forward-${first}-submit`)
  assert.match(await banner(page), new RegExp(`Item ${first} was forwarded`))
  await accessible(page, 'the letter forwarded')

  const second = await receive(page, 'We go to Oakfield Primary now.')
  await page.selectOption(`#decide-${second}-decision`, 'hold')
  await page.fill(`#decide-${second}-reasons`, 'Names the school')
  await submit(page, `#decide-${second}-submit`)
  assert.match(await banner(page), new RegExp(`Item ${second} is held`))
  const held = await page.locator('main').innerText()
  assert.match(held, /Names the school/)
  assert.match(held, /0116 3053052/)
  await accessible(page, 'the letter held')
  await shot(page, 'contact-held')
})

test('a third missing episode in 90 days raises the strategy meeting alert', async () => {
  const page = await as('social-worker.demo')
  await page.goto(`${base}/`)
  const hrefs = await page.$$eval('main a', (links) => links.map((a) => a.getAttribute('href')))
  const children = [...new Set(hrefs.filter((h) => /^\/children\/[A-Za-z0-9]+$/.test(h)))]
  let child
  for (const href of children) {
    await page.goto(`${base}${href}/missing`)
    if ((await page.locator('main').innerText()).includes('No episode is recorded here.')) {
      child = href
      break
    }
  }
  assert.ok(child, 'a child of the caseload with no missing record')
  await accessible(page, 'the missing page')
  const today = new Date(Date.UTC(...(await page.inputValue('#report-date')).split('/').reverse().map((n, i) => i === 1 ? Number(n) - 1 : Number(n))))
  for (const days of [6, 4, 2]) {
    const on = uk(new Date(today.getTime() - days * 86400000))
    assert.doesNotMatch(await page.locator('main').innerText(), /strategy meeting is due/)
    await page.selectOption('#report-kind', 'M')
    await page.fill('#report-date', on)
    await submit(page, '#report-submit')
    await page.fill('#return-date', on)
    await submit(page, '#return-submit')
  }
  assert.match(await page.locator('main').innerText(), /Three missing episodes in 90 days: a strategy meeting is due/)
  await accessible(page, 'the missing page with the alert')
  await shot(page, 'contact-strategy-meeting')
  await page.goto(`${base}${child}`)
  assert.match(await page.locator('main').innerText(), /Three missing episodes in 90 days/)
  await accessible(page, 'the child record with the alert')
})
