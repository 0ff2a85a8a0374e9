import { describe, expect, it } from 'vitest';
import { compileLexicon } from '../../src/decide/classifier/compile-lexicon.js';
import { createExtractor } from '../../src/decide/classifier/features.js';
import { detectLatinLanguage, fold } from '../../src/decide/classifier/i18n.js';
import { evidenceGloss } from '../../src/decide/classifier/i18n-gloss.js';
import { stem, tokenise, type Token } from '../../src/decide/classifier/text.js';
import { classifyTask } from '../../src/decide/classify-task.js';
import { evidenceLabel } from '../../src/report/evidence-label.js';

const extract = createExtractor(compileLexicon());
const features = (task: string) => extract(task).features;
const fired = (task: string, name: string): boolean => features(task).some((f) => f.name === name);
const words = (task: string): string[] => tokenise(task).tokens.map((t) => t.word);
/** Tokens whose word is `word`, with the text they quote. */
const quoted = (task: string, word: string): Array<{ token: Token; text: string }> =>
  tokenise(task)
    .tokens.filter((t) => t.word === word)
    .map((token) => ({ token, text: task.slice(token.start, token.end) }));

describe('other languages: words carry the English word and quote the original', () => {
  it.each([
    // German: verb endings, compounds split into known parts, umlauts folded
    ['Überprüfe die Schnittstelle', 'review', 'Überprüfe'],
    ['Bitte einen Sicherheitsaudit der Anmeldung', 'security', 'Sicherheits'],
    ['Bitte einen Sicherheitsaudit der Anmeldung', 'audit', 'audit'],
    ['Die Datenbankmigration bricht bei großen Tabellen ab', 'migration', 'migration'],
    // Spanish: attached pronouns, accents optional
    ['Revísalo antes del viernes, por favor', 'review', 'Revísalo'],
    ['hay una vulnerabilidad en el login', 'vulnerability', 'vulnerabilidad'],
    // French: elided articles
    ["Fais l'audit de l'authentification", 'audit', 'audit'],
    ["Fais l'audit de l'authentification", 'authentication', 'authentification'],
    // Portuguese: with or without the cedilla and tilde
    ['Verifica a seguranca do app e a versão do SDK', 'security', 'seguranca'],
    ['Verifica a seguranca do app e a versão do SDK', 'version', 'versão'],
    // Italian: endings
    ['Rifattorizza il modulo degli ordini', 'refactor', 'Rifattorizza'],
    // Russian: cases
    ['Перенеси данные в новую базу данных', 'database', 'базу данных'],
    ['Ищи корень проблемы, найди первопричину', 'cause', 'первопричину'],
    // Chinese: no spaces; a compound the segmenter splits (重|构)
    ['请重构这个模块', 'refactor', '重构'],
    ['代码审查', 'review', '代码审查'],
    ['请审查这个分支', 'review', '审查'],
    // Japanese: する forms, katakana words
    ['この関数をレビューしてください', 'review', 'レビュー'],
    ['設定ファイルを変換してください', 'convert', '変換'],
    // Korean: particles and 하다 forms
    ['보안을 점검해 줘', 'security', '보안'],
    ['코드리뷰 해줘', 'review', '리뷰'],
  ])('%s: "%s" quotes "%s"', (task, english, original) => {
    const hits = quoted(task, english);
    expect(hits.map((h) => h.text)).toContain(original);
    for (const h of hits) expect(h.token.stem).toBe(stem(english));
  });

  it('a multi-word gloss gives one token per English word, each quoting the whole original', () => {
    const task = '帮我找出根本原因';
    const tokens = tokenise(task).tokens.filter((t) => t.word === 'root' || t.word === 'cause');
    expect(tokens.map((t) => t.word)).toEqual(['root', 'cause']);
    expect(tokens.map((t) => task.slice(t.start, t.end))).toEqual(['根本', '原因']);
    expect(fired(task, 'cue:root-cause')).toBe(true);
    expect(fired('Finde die tatsächliche Ursache', 'cue:root-cause')).toBe(true);
    expect(fired('¿Cuál es la causa raíz?', 'cue:root-cause')).toBe(true);
  });

  it('normalises full-width letters, accents and case (NFKC, marks removed, lower case)', () => {
    expect(words('ＪＳＯＮ に変換して')).toContain('json');
    expect(fold('SÉCURITÉ')).toBe(fold('securite'));
    expect(fold('Straße')).toBe('strasse');
    expect(fold('ЁЛКА')).toBe('елка');
    expect(fold('й')).toBe('й');
  });

  it('full-width punctuation closes clauses and ends questions; question particles do too', () => {
    expect(tokenise('为什么测试会失败？').endsWithQuestionMark).toBe(true);
    expect(tokenise('このテストはなぜ落ちるのですか').endsWithQuestionMark).toBe(true);
    expect(tokenise('这个测试失败了吗').endsWithQuestionMark).toBe(true);
    const tokens = tokenise('设计数据库。写测试').tokens;
    expect(tokens.find((t) => t.word === 'write')?.boundaryBefore).toBe(true);
  });

  it('negations: before the word (most languages) and after it (Japanese, Korean)', () => {
    expect(fired('No cambies el comportamiento', 'not:chang')).toBe(true);
    expect(fired('Ändere nicht das Verhalten', 'not:chang')).toBe(true);
    expect(fired('不要重构', 'not:refact')).toBe(true);
    expect(fired('設計は変更しないでください', 'not:chang')).toBe(true);
    expect(fired('설계는 바꾸지 말고 버튼만 추가해 줘', 'not:chang')).toBe(true);
    expect(fired('Refactoriza sin cambiar el comportamiento', 'cue:preserve-behaviour')).toBe(true);
  });

  it('verb–object patterns fire across languages', () => {
    expect(fired('Revisa el código del carrito', 'vo:review-code')).toBe(true);
    expect(fired('Convertis ce fichier CSV en JSON', 'vo:convert-format')).toBe(true);
    expect(fired('Проведи аудит безопасности', 'vo:security-audit')).toBe(true);
    expect(fired('Entwirf die Architektur des Systems', 'vo:design-system')).toBe(true);
    expect(fired('Scrivi il messaggio di commit', 'vo:git-commit')).toBe(true);
  });
});

describe('which Latin-script language a text is in', () => {
  const detect = (text: string) => {
    const tokens = tokenise(text).tokens;
    return detectLatinLanguage(
      tokens.map((t) => text.slice(t.start, t.end).toLowerCase()),
      tokens.filter((t) => t.stop).length,
      stem,
    );
  };
  it.each([
    ['Schreib mir bitte eine Funktion für die Validierung', 'de'],
    ['Escribe una función para validar el correo', 'es'],
    ['Écris une fonction pour valider les adresses', 'fr'],
    ['Escreve uma função pra validar o e-mail', 'pt'],
    ['Scrivi una funzione per validare gli indirizzi', 'it'],
    // markers shared by French and Italian ("un", "il"): the lexicon decides
    ['Meglio un monolite o il microservizio?', 'it'],
    // a short text with one marker: its lexicon words count
    ['Auditar el login', 'es'],
  ])('%s → %s', (text, lang) => expect(detect(text)).toBe(lang));

  it.each([
    ['ask Maria de la Cruz to review the PR'],
    ['list the TODOs in the repo'],
    ['deploy the socket.io server to acme.io'],
    ['Implements features in small steps with tests, following the existing patterns.'],
  ])('English stays English: %s', (text) => expect(detect(text)).toBeUndefined());

  it('an English task keeps its English tokens (no foreign lexicon applied)', () => {
    expect(words('list the TODOs in the repo')).toContain('todos');
    expect(words('ask Maria de la Cruz to review the PR')).toEqual(
      expect.arrayContaining(['de', 'la', 'cruz', 'review']),
    );
  });
});

describe('routing tasks written in other languages', () => {
  it.each([
    // German: review, conversion, new code, intermittent failure, simple fact
    ['opus', 'Mach bitte ein gründliches Review meiner Änderungen am Zahlungsmodul, bevor ich sie merge.'],
    ['haiku', 'Wandle die Datei preise.csv in JSON um.'],
    ['sonnet', 'Schreib einen Endpunkt, der alle offenen Rechnungen eines Kunden zurückgibt.'],
    ['opus', 'Die Tests schlagen sporadisch fehl, aber nur in der CI. Finde die Ursache.'],
    ['haiku', 'Was ist der Standardport von Redis?'],
    // Spanish: audit, extraction, new field, shorthand commit message, trade-off question
    ['opus', 'Haz una auditoría de seguridad de la API de pagos.'],
    ['haiku', 'Extrae todas las URLs de este documento.'],
    ['sonnet', 'Añade un campo de fecha de nacimiento al formulario de registro.'],
    ['haiku', 'msj de commit pa estos cambios'],
    ['opus', '¿Deberíamos usar Kafka o RabbitMQ para los eventos? ¿Qué compromisos hay?'],
    // French: review, conversion, tests, a minimiser on a hard bug
    ['opus', 'Fais une revue de code de cette branche avant le merge.'],
    ['haiku', 'Convertis ce fichier XML en YAML.'],
    ['sonnet', 'Écris des tests unitaires pour le service de facturation.'],
    [
      'opus',
      'Petite question rapide : les totaux sont parfois faux en fin de mois, seulement en production. Trouve la cause racine.',
    ],
    // Portuguese: audit, commit message, new endpoint, extraction from a pasted log with alarming words
    ['opus', 'Faz uma auditoria de segurança no módulo de login.'],
    ['haiku', 'Escreve uma mensagem de commit pra essas alterações.'],
    ['sonnet', 'Cria um endpoint que lista os pedidos de um cliente.'],
    ['haiku', 'Extrai só os códigos de erro dessas linhas: ERRO 500 deadlock; ERRO 404 não encontrado'],
    // Italian
    ['opus', 'Fai una code review di questa PR prima del merge.'],
    ['haiku', 'Converti questo file YAML in JSON.'],
    ['sonnet', 'Aggiungi un pulsante di logout nella barra di navigazione.'],
    ['opus', 'Ogni tanto il job notturno si blocca solo in produzione. Trova la causa principale.'],
    // Russian
    ['opus', 'Проведи аудит безопасности модуля авторизации.'],
    ['haiku', 'Преобразуй этот CSV в JSON.'],
    ['sonnet', 'Добавь кнопку выхода в меню.'],
    ['opus', 'Иногда сервис падает под нагрузкой. Найди первопричину.'],
    // Chinese
    ['opus', '帮我审查一下这次的代码改动。'],
    ['haiku', '把这个 CSV 文件转换成 JSON。'],
    ['sonnet', '给设置页面加一个修改头像的功能。'],
    ['opus', '为什么这个接口在高负载下偶尔超时？'],
    // Japanese
    ['opus', 'この変更のコードレビューをお願いします。'],
    ['haiku', 'この YAML を JSON に変換してください。'],
    ['sonnet', '設定画面にアイコン変更の機能を追加してください。'],
    ['opus', '本番環境でだけ時々データが壊れます。根本原因を調べてください。'],
    // Korean
    ['opus', '이 변경 사항 코드리뷰 해 줘.'],
    ['haiku', '이 YAML을 JSON으로 변환해 줘.'],
    ['sonnet', '설정 화면에 프로필 사진 변경 기능 추가해 줘.'],
    ['opus', '운영 환경에서만 가끔 데이터가 손상돼. 근본 원인 찾아 줘.'],
    // mixed with English
    ['opus', 'Kannst du die security review vom auth service machen?'],
    ['haiku', 'この CSV を JSON に convert して。'],
  ] as const)('%s ← %s', (tier, task) => expect(classifyTask(task).tier).toBe(tier));
});

describe('a how-to question in another language is a how-to, as in English', () => {
  // Languages that drop the subject ask "how can (I) …" with one verb form, or "how to …" with an
  // infinitive or a set phrase: read as a how-to (Sonnet's daily work), not a one-fact question.
  it.each([
    ['¿Cómo puedo paginar los resultados de una consulta en Prisma?', 'Cómo puedo'],
    ['¿Cómo hago para que el contenedor arranque después de la base de datos?', 'Cómo hago'],
    ['Como eu configuro o ESLint num monorepo com pnpm?', 'Como eu'],
    ['Como posso validar um formulário no Angular com campos dinâmicos?', 'Como posso'],
    ['Come posso gestire gli errori di rete in un client Axios?', 'Come posso'],
    ['Как мне подключить Redis к приложению на FastAPI?', 'Как мне'],
    ['如何给 Express 应用加上请求日志？', '如何'],
    ['どうやって GitHub Actions でキャッシュを使えますか？', 'どうやって'],
    ['Wie kann ich in Vue ein Formular mit Validierung bauen?', 'Wie kann ich'],
  ])('%s', (task, words) => {
    const c = classifyTask(task);
    expect(c.evidence.find((e) => e.feature === 'q:howto')?.match?.startsWith(words)).toBe(true);
    expect(c.tier).toBe('sonnet');
  });
});

describe('--explain quotes the user words with the English they stand for', () => {
  it('evidence matches are slices of the task as written', () => {
    const task = 'Haz una auditoría de seguridad de la API de pagos.';
    const evidence = classifyTask(task).evidence.filter((e) => e.match);
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) expect(task).toContain(e.match!.replace(/\.\.\.$/, ''));
    expect(evidence.map((e) => e.match)).toContain('auditoría de seguridad');
  });

  it.each([
    ['w:audit', 'auditar', '"auditar → audit"'],
    ['w:review', 'レビュー', '"レビュー → review"'],
    ['w:review', 'コードレビュー', '"コードレビュー → review"'],
    ['vo:review-code', 'コードレビュー', '"コードレビュー → code review"'],
    ['vo:security-audit', 'auditoría de seguridad', '"auditoría de seguridad → audit security"'],
    ['cue:intermittent', 'solo a volte', '"solo a volte → only sometimes"'],
    ['cue:root-cause', 'первопричину', '"первопричину → root cause"'],
    ['q:why-question', 'Warum', '"Warum → why"'],
    ['vo:review-code', 'PR 리뷰', '"PR 리뷰 → PR review"'],
  ])('%s "%s" → %s', (feature, match, label) => expect(evidenceLabel({ feature, match })).toBe(label));

  it.each([
    ['w:chang', 'changes'],
    ['w:critiqu', 'critique'],
    ['vo:review-code', 'critique the implementation'],
    ['w:todo', 'TODOs'],
    ['w:comment', 'comment'],
    ['w:debug', 'debugging'],
    ['b:refact+auth', 'refactor the auth'],
    ['b:review+pr', 'review this PR'],
  ])('English evidence gets no gloss: %s "%s"', (feature, match) => {
    expect(evidenceGloss(feature, match)).toBeUndefined();
    expect(evidenceLabel({ feature, match })).toBe(`"${match}"`);
  });

  it('the decision names the family from the original words', () => {
    const c = classifyTask('Проведи аудит безопасности модуля авторизации.');
    expect(c.family).toBe('security-audit');
    const top = c.evidence.find((e) => e.feature === 'vo:security-audit');
    expect(top && evidenceLabel(top)).toBe('"аудит безопасности → audit security"');
  });
});
