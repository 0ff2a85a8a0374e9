#!/usr/bin/env node
// Other languages: accuracy per language on the `foreign` group of routing-wild-dev.tsv (the
// language is the first word of its `why` column), and the time to decide a 10 KB task in each
// language against a 10 KB English task, measured in the same run.
//
//   npm run bench:languages               # build, then run with the gate
//   node scripts/bench-languages.mjs --no-gate --misses
//
// Imports the built library dist/index.js; reads CR_BENCHMARKS_DIR (default ../shared/benchmarks).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.resolve(process.env.CR_BENCHMARKS_DIR ?? path.resolve(repoRoot, '../shared/benchmarks'));
const gate = !process.argv.includes('--no-gate');
const TARGETS = { foreignAccuracy: 0.85, maxMedianMicros10KB: 1000 };

const libPath = path.join(repoRoot, 'dist/index.js');
if (!existsSync(libPath)) {
  console.error(`bench-languages: ${path.relative(repoRoot, libPath)} not found; run \`npm run build\` first`);
  process.exit(2);
}
const { classifyTask } = await import(pathToFileURL(libPath).href);
const wildFile = path.join(benchDir, 'routing-wild-dev.tsv');
if (!existsSync(wildFile)) {
  console.error(`bench-languages: ${wildFile} not found (set CR_BENCHMARKS_DIR)`);
  process.exit(2);
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const failures = [];

// ---- accuracy per language ------------------------------------------------------------------
const rows = (await readFile(wildFile, 'utf8'))
  .split(/\r?\n/)
  .slice(1)
  .filter((l) => l.trim())
  .map((l) => l.split('\t'))
  .filter((c) => c[2] === 'foreign')
  .map(([expect, task, , why = '']) => ({ expect, task, language: why.split(';')[0].trim() || '?' }));
const byLanguage = new Map();
let right = 0;
let severe = 0;
const misses = [];
for (const r of rows) {
  const c = classifyTask(r.task);
  const entry = byLanguage.get(r.language) ?? { rows: 0, right: 0 };
  byLanguage.set(r.language, entry);
  entry.rows++;
  if (c.tier === r.expect) {
    entry.right++;
    right++;
  } else misses.push(`  expected ${r.expect} got ${c.tier} (${c.confidence.toFixed(2)}) [${r.language}] ${r.task}`);
  if ((r.expect === 'opus' && c.tier === 'haiku') || (r.expect === 'haiku' && c.tier === 'opus')) severe++;
}
console.log(`## ${path.basename(wildFile)}, group foreign`);
console.log(`rows ${rows.length}  accuracy ${pct(right / rows.length)}  severe errors ${severe}`);
for (const [language, e] of [...byLanguage].sort((a, b) => a[0].localeCompare(b[0])))
  console.log(`  ${language.padEnd(20)} ${e.right}/${e.rows}`);
if (process.argv.includes('--misses')) console.log(misses.join('\n'));
if (right / rows.length < TARGETS.foreignAccuracy)
  failures.push(`foreign accuracy ${pct(right / rows.length)} < ${pct(TARGETS.foreignAccuracy)}`);

// ---- speed: a 10 KB task per language, English first as the baseline ------------------------
// One paragraph with the same content in each language (a pasted stack trace would be the same in all).
const PARAGRAPHS = {
  English:
    'The checkout service sometimes charges customers twice when the payment provider times out. Look at src/payments/retry.ts and the webhook handler, write a failing test, and fix the retry logic so that each charge is idempotent. ',
  German:
    'Der Checkout-Service bucht manchmal doppelt, wenn der Zahlungsanbieter nicht rechtzeitig antwortet. Schau dir src/payments/retry.ts und den Webhook-Handler an, schreib einen fehlschlagenden Test und korrigiere die Wiederholungslogik, damit jede Buchung idempotent ist. ',
  Spanish:
    'El servicio de pagos a veces cobra dos veces cuando el proveedor no responde a tiempo. Revisa src/payments/retry.ts y el manejador del webhook, escribe una prueba que falle y corrige la lógica de reintentos para que cada cobro sea idempotente. ',
  French:
    'Le service de paiement débite parfois deux fois quand le prestataire ne répond pas à temps. Regarde src/payments/retry.ts et le gestionnaire du webhook, écris un test qui échoue et corrige la logique de relance pour que chaque débit soit idempotent. ',
  Portuguese:
    'O serviço de checkout às vezes cobra duas vezes quando o provedor de pagamento não responde a tempo. Olha src/payments/retry.ts e o handler do webhook, escreve um teste que falha e corrige a lógica de retentativa para que cada cobrança seja idempotente. ',
  Italian:
    'Il servizio di pagamento a volte addebita due volte quando il fornitore non risponde in tempo. Guarda src/payments/retry.ts e il gestore del webhook, scrivi un test che fallisce e correggi la logica dei tentativi perché ogni addebito sia idempotente. ',
  Russian:
    'Сервис оплаты иногда списывает деньги дважды, когда платежный провайдер не отвечает вовремя. Посмотри src/payments/retry.ts и обработчик вебхука, напиши падающий тест и исправь логику повторов, чтобы каждое списание было идемпотентным. ',
  Chinese:
    '当支付服务商超时时，结算服务偶尔会重复扣款。请看一下 src/payments/retry.ts 和 webhook 处理函数，先写一个失败的测试，再修复重试逻辑，让每次扣款都是幂等的。',
  Japanese:
    '決済プロバイダーがタイムアウトすると、チェックアウトサービスがまれに二重に課金します。src/payments/retry.ts と webhook ハンドラーを確認し、失敗するテストを書いてから、各課金が冪等になるようにリトライ処理を修正してください。',
  Korean:
    '결제 제공자가 타임아웃되면 체크아웃 서비스가 가끔 두번 결제해. src/payments/retry.ts 랑 webhook 핸들러를 보고, 실패하는 테스트를 먼저 작성한 다음 각 결제가 멱등적이도록 재시도 로직을 고쳐 줘. ',
};
const tenKB = (p) => {
  let s = '';
  while (Buffer.byteLength(s) < 10 * 1024) s += p;
  return s;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const texts = Object.entries(PARAGRAPHS).map(([language, p]) => ({ language, text: tenKB(p) }));
for (const { text } of texts) for (let i = 0; i < 300; i++) classifyTask(text + (i % 7)); // warm-up
// Rounds interleave the languages, so that a busy machine slows them alike.
const micros = texts.map(() => []);
for (let round = 0; round < 20; round++)
  texts.forEach(({ text }, k) => {
    for (let i = 0; i < 25; i++) {
      const t0 = process.hrtime.bigint();
      classifyTask(text);
      micros[k].push(Number(process.hrtime.bigint() - t0) / 1e3);
    }
  });
const english = median(micros[0]);
console.log('\n## speed: a 10 KB task, median after warm-up');
texts.forEach(({ language, text }, k) => {
  const m = median(micros[k]);
  console.log(
    `  ${language.padEnd(11)} ${String(text.length).padStart(6)} chars  ${m.toFixed(0).padStart(5)} µs  (${(m / english).toFixed(2)}× English)`,
  );
  if (m > TARGETS.maxMedianMicros10KB) failures.push(`${language} 10 KB decision ${m.toFixed(0)} µs > 1000 µs`);
});

if (failures.length) {
  console.log(`\ntargets missed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  if (gate) process.exit(1);
} else console.log('\nall targets met');
