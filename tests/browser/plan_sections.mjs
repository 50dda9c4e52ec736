// Completing a draft permanence plan through its task list, as a social
// worker does: each section's page in turn, the steps and outcomes added one
// at a time, the support plan recorded and linked on the plan page, then the
// check of the answers. Shared by the browser tests; not a test file itself.

import assert from 'node:assert/strict'
import { accessible, shot } from './harness.mjs'

/** Clicks a submit button or a link and waits for the page that comes back. */
export async function go (page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)])
}

/** The error summary's text, or an empty string. */
export async function problems (page) {
  const summary = page.locator('.govuk-error-summary')
  return (await summary.count()) ? (await summary.innerText()).trim() : ''
}

/** A section's status on the task list. */
export async function sectionStatus (page, slug) {
  return (await page.locator(`#task-${slug}-status`).innerText()).trim()
}

async function choose (page, name, value) {
  await page.check(`input[name="${name}"][value="${value}"]`)
}

/** Opens a section from the task list, answers it and comes back to the list. */
async function section (page, slug, answer) {
  await go(page, `#tasks a[href$="/plan/sections/${slug}"]`)
  await page.waitForSelector('h1')
  assert.ok(await page.locator('details summary:has-text("Rules that apply")').count(), `${slug}: the rules are in a details element`)
  await answer()
  assert.equal(await problems(page), '', `${slug} is saved without errors`)
  assert.match(page.url(), /\/plan\/sections$/, `${slug}: back on the task list`)
  assert.equal(await sectionStatus(page, slug), 'Completed', `${slug} is completed`)
}

/** Adds items to a list section ("add another"), then continues to the task list. */
async function addEach (page, slug, items, fill) {
  await go(page, `#tasks a[href$="/plan/sections/${slug}"]`)
  const before = await page.locator('#added .govuk-summary-list__row').count()
  for (const item of items) {
    await fill(item)
    await go(page, '#answer-submit')
    assert.equal(await problems(page), '', `${slug}: the item is added`)
  }
  assert.equal(await page.locator('#added .govuk-summary-list__row').count(), before + items.length, `${slug}: every item is listed`)
  await go(page, '#continue')
  assert.equal(await sectionStatus(page, slug), 'Completed', `${slug} is completed`)
}

/**
 * Completes every section of the draft plan at `planHref` (long-term
 * fostering) and opens the check of its answers; `year` is next year, for
 * the steps' target dates; `name` prefixes the screenshots.
 */
export async function completePlan (page, base, planHref, year, name) {
  await page.goto(`${base}${planHref}`)
  await go(page, `a[href="${planHref}/sections"]`)
  await page.waitForSelector('h1:has-text("Complete the permanence plan")')
  await accessible(page, 'the task list of the draft plan')
  await shot(page, `${name}-task-list`)

  await section(page, 'pathway', async () => {
    if (!(await page.locator('input[name="pathway"]:checked').count())) {
      // Saved without an answer: the error names the question.
      await go(page, '#answer-submit')
      assert.match(await problems(page), /Select the plan.s pathway/)
      await accessible(page, 'the pathway question with its error')
    }
    await choose(page, 'pathway', 'long_term_fostering')
    await go(page, '#answer-submit')
  })
  await section(page, 'legal-route', async () => {
    await page.fill('#answer-legal_route', 'Care Order (section 31 Children Act 1989)')
    await page.fill('#answer-timeframe', 'Matched at the Permanence Panel within 2 months')
    await choose(page, 'provisional', 'no')
    await go(page, '#answer-submit')
  })
  await section(page, 'appraisal', async () => {
    const appraisal = [
      ['option1', 'ruled_out', 'Parenting assessment negative; the parents agree the child cannot return home'],
      ['option2', 'ruled_out', 'Grandmother assessed and negative (connected persons assessment)'],
      ['option3', 'not_applicable', 'No friends or wider network came forward'],
      ['option4', 'ruled_out', 'The child wishes to stay with the carers and keep contact with their mother'],
      ['option5', 'ruled_in', 'The carers of three years wish to care for the child until 18 and beyond'],
      ['option6', 'ruled_out', 'The child\'s needs can be met in a family']
    ]
    await accessible(page, 'the options appraisal')
    for (const [option, outcome, reasons] of appraisal) {
      await choose(page, option, outcome)
      await page.fill(`#answer-${option}_reasons`, reasons)
    }
    await go(page, '#answer-submit')
  })
  await go(page, '#tasks a[href$="/plan/sections/steps"]')
  await go(page, '#answer-submit')
  const stepErrors = await problems(page)
  for (const words of ['Enter the step', 'Enter who is responsible', 'Enter the step.s target date']) {
    assert.match(stepErrors, new RegExp(words), 'an empty step names each field')
  }
  await accessible(page, 'a step added with nothing typed')
  await shot(page, `${name}-step-errors`)
  await page.goto(`${base}${planHref}/sections`)
  await page.waitForSelector('#tasks')
  await addEach(page, 'steps', [
    ['LTF suitability assessment', 'J Smith', `30/09/${year}`],
    ['Permanence Panel', 'J Smith', `31/10/${year}`]
  ], async ([step, owner, target]) => {
    await page.fill('#answer-description', step)
    await page.fill('#answer-owner', owner)
    await page.fill('#answer-target', target)
  })
  await addEach(page, 'outcomes', [
    ['stability', 'Stays with the carers until 18, then Staying Put'],
    ['education', 'Stays at the same school through GCSEs']
  ], async ([area, outcome]) => {
    await choose(page, 'area', area)
    await page.fill('#answer-outcome', outcome)
  })
  await section(page, 'contact', async () => {
    await page.fill('#answer-contact_agreement', 'CA-2026-0088')
    await go(page, '#answer-submit')
  })
  if (await page.locator('#tasks a[href$="/plan/sections/siblings"]').count()) {
    await section(page, 'siblings', async () => {
      await choose(page, 'siblings', 'apart')
      await page.fill('#answer-siblings_reasons', 'The brother is adopted; letterbox contact and two meetings a year')
      await go(page, '#answer-submit')
    })
  }
  await section(page, 'identity', async () => {
    await page.fill('#answer-ethnic_origin', 'White British')
    await page.fill('#answer-cultural_background', 'Grew up in Loughborough, as did the carers')
    await page.fill('#answer-language', 'English')
    await page.fill('#answer-religion', 'None')
    await page.fill('#answer-disability', 'Not applicable: no disability')
    await page.fill('#answer-sexuality', 'Not known: not discussed at the child\'s age')
    await go(page, '#answer-submit')
  })
  await section(page, 'wishes', async () => {
    await page.fill('#answer-wishes', 'Wants to stay with the carers and see mum every month')
    await choose(page, 'follows_wishes', 'yes')
    await go(page, '#answer-submit')
  })
  await section(page, 'carer', async () => {
    await page.fill('#answer-carer_views', 'The carers wish to care for the child long-term and are approved')
    await go(page, '#answer-submit')
  })

  // PLAN-010: the support plan is a record of its own, agreed and linked on the plan page.
  await go(page, '#tasks a[href$="/plan#support"]')
  const support = [
    ['child_needs_now', 'Therapeutic support'],
    ['child_needs_future', 'Support at secondary transfer'],
    ['carer_needs', 'Respite'],
    ['service', 'Therapeutic parenting course'],
    ['provider_agency', 'CAMHS'],
    ['start', '1/4/2026'],
    ['review', '1/10/2026'],
    ['carer_agreed', '20/3/2026'],
    ['la_agreed', '20/3/2026']
  ]
  for (const [field, value] of support) await page.fill(`#support-plan-${field}`, value)
  await go(page, '#support-plan-submit')
  assert.equal(await problems(page), '', 'the support plan is recorded and linked')
  await accessible(page, 'the support plan recorded and linked')
  await shot(page, `${name}-support-plan`)

  await go(page, `a[href="${planHref}/sections"]`)
  const statuses = await page.locator('.govuk-task-list__status').allInnerTexts()
  assert.deepEqual(statuses.filter((s) => s.trim() !== 'Completed'), [], 'every section is completed')
  assert.match(await page.locator('main').innerText(), /You have completed (\d+) of \1 sections/)
  await accessible(page, 'the completed task list')
  await shot(page, `${name}-task-list-complete`)
  await go(page, '#check-answers')
  await page.waitForSelector('h1:has-text("Check your answers")')
  assert.equal(await page.locator('#blocking').count(), 0, 'nothing stops the plan being put forward')
  const answers = await page.locator('main').innerText()
  for (const answer of ['Long-term fostering', 'CA-2026-0088', `Permanence Panel, by 31 October ${year} (J Smith)`, 'Stability: Stays with the carers until 18']) {
    assert.ok(answers.includes(answer), `the check shows "${answer}"`)
  }
  await accessible(page, 'the check of the answers')
  await shot(page, `${name}-check-answers`)
}
