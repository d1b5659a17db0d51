import { strict as assert } from 'node:assert';
import { parseConfigText } from '../../server/src/config/parse.js';
import { classify } from '../../server/src/init/detect.js';
import { read, runCli, workspace } from './cli.js';

const RUST_RFC = '- Feature Name: `my_feature`\n- Start Date: 2020-01-01\n- RFC PR: none\n\n# Summary\n\nShort.\n';
const EMBER_RFC = '---\nstage: accepted\nstart-date: 2020-01-01\nteams:\n  - framework\n---\n# My RFC\n';
const MADR = '---\nstatus: accepted\n---\n# Use Postgres\n\n## Context and Problem Statement\n\nX.\n\n## Decision Outcome\n\nChosen: Postgres.\n';
const PRD = '# PRD: Smart invoicing\n\n**Owner:** @sam\n\n## Problem\n\nInvoices take a day.\n\n## Goals\n\nOne click.\n';
const PLAN = 'initiatives:\n  - id: INIT-a\n    title: A\n';

describe('strategy-lint init', () => {
  it('recognises each known layout from a file\'s path and head', () => {
    assert.equal(classify('keps/sig-node/1-x/kep.yaml', () => ''), 'kep');
    assert.equal(classify('text/0001-my-feature.md', () => RUST_RFC), 'rust-rfc');
    assert.equal(classify('text/0001-my-rfc.md', () => EMBER_RFC), 'ember-rfc');
    assert.equal(classify('docs/decisions/0001-db.md', () => MADR), 'madr');
    assert.equal(classify('docs/invoicing.md', () => PRD), 'prd');
    assert.equal(classify('plan.strategy.yaml', () => ''), 'spec');
    assert.equal(classify('docs/growth.md', () => '## Objective: Grow\n- Owner: @maria\n'), 'spec');
    assert.equal(classify('docs/notes.md', () => '# Notes\n\n- Owner: someone\n'), undefined);
    assert.equal(classify('README.md', () => PRD), undefined);
  });

  it('writes a commented, valid config naming what it found, and a second run changes nothing', () => {
    const root = workspace({ 'keps/sig-node/1-swap/kep.yaml': 'title: Swap\n', 'docs/prds/invoicing.md': PRD, 'strategy/plan.strategy.yaml': PLAN });
    const first = runCli(['init'], { cwd: root });
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^Wrote \.strategylint\.yaml \(found: 1 kep, 1 prd, 1 spec\)/);
    const text = read(root, '.strategylint.yaml');
    assert.match(text, /# {3}- 1 Kubernetes enhancement proposals \(kep\.yaml beside a README\.md\), e\.g\. keps\/sig-node\/1-swap\/kep\.yaml/);
    assert.match(text, /#     files: \["docs\/prds\/\*\.md"\]/);
    assert.deepEqual(parseConfigText('.strategylint.yaml', text).problems, []);
    const second = runCli(['init'], { cwd: root });
    assert.equal(second.status, 0);
    assert.equal(second.stdout, '.strategylint.yaml is up to date: nothing to change.\n');
    assert.equal(read(root, '.strategylint.yaml'), text);
    // The written config is one the linter runs with.
    assert.notEqual(runCli([], { cwd: root }).status, 2);
  });

  it('never replaces an existing config without --force', () => {
    const root = workspace({ '.strategylint.yml': 'rules: {}\n', 'docs/prds/invoicing.md': PRD });
    const refused = runCli(['init'], { cwd: root });
    assert.equal(refused.status, 2);
    assert.equal(refused.stderr, 'strategy-lint: init: .strategylint.yml already exists and was not changed; run strategy-lint init --force to replace it\n');
    const ownYaml = workspace({ '.strategylint.yaml': 'today: 2027-01-01\n', 'a.md': '# A\n' });
    assert.equal(runCli(['init'], { cwd: ownYaml }).status, 2);
    assert.equal(read(ownYaml, '.strategylint.yaml'), 'today: 2027-01-01\n');
    const forced = runCli(['init', '--force'], { cwd: ownYaml });
    assert.equal(forced.status, 0, forced.stderr);
    assert.match(read(ownYaml, '.strategylint.yaml'), /written by `strategy-lint init`/);
  });

  it('configures another folder when named, and refuses a path that is not a folder', () => {
    const root = workspace({ 'repo/text/0001-x.md': RUST_RFC });
    assert.equal(runCli(['init', 'repo'], { cwd: root }).status, 0);
    assert.match(read(root, 'repo/.strategylint.yaml'), /1 Rust-style RFCs/);
    const bad = runCli(['init', 'repo/text/0001-x.md'], { cwd: root });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /init: repo\/text\/0001-x\.md is not a folder/);
  });
});
