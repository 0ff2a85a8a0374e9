// Lexicons of Chinese, Japanese and Korean for the classifier (i18n.ts): surface forms onto the
// English words of the classifier's own word families (lexicon.ts).
//
// Format. `lexicon`: one line per English gloss, "gloss: form, form". Forms are matched longest
// first inside a run of text, where a word starts: at a segment boundary of Intl.Segmenter
// (Chinese, Japanese), at the start of a Korean word, or right after another entry ("代码审查" =
// 代码 + 审查, "코드리뷰" = 코드 + 리뷰). Many English phrases come out of the parts: 根本 + 原因 is
// "root cause", 메모리 + 누수 is "memory leak". `functionWords` have no English counterpart;
// `negatesPrevious` negate the word before them (Japanese 変更しないで, Korean 바꾸지 말고);
// `questionParticles` make a text that ends with them a question; Korean `particles` are the
// endings left on a word after its entry ("보안을" = 보안 + 을).

export interface RunLanguageData {
  name: string;
  lexicon: string;
  functionWords: string;
  negatesPrevious: string;
  questionParticles: string;
  particles: string;
}

const zh: RunLanguageData = {
  name: 'Chinese',
  functionWords:
    '的 了 在 是 和 与 及 或 把 被 给 对 从 到 我 你 他 她 它 我们 你们 他们 这 那 这个 那个 这些 那些 这里 那里 一个 一下 一些 一次 个 也 都 就 还 会 能 可以 请 帮 帮我 帮忙 麻烦 吧 呢 吗 啊 并 并且 而 然后 里 中 上 下 用 让 做 进行 以及 如果 时 时候 的话 已经 现在 需要 得 地 着 过 其中 之后 之前 以后 一样 比如 等 等等 里面 当中 一直 其实 就是 只是 一遍 不同 不错 不行 别的 不过',
  negatesPrevious: '',
  questionParticles: '吗 呢 么',
  particles: '',
  lexicon: `
review: 审查, 审阅, 评审, 审核, 检视, 过一遍, 走查
code review: 代码审查, 代码评审, 代码审核
check: 检查, 核对
audit: 审计
security: 安全, 安全性
vulnerability: 漏洞, 安全漏洞, 安全隐患
injection: 注入
attack: 攻击
permission: 权限
authentication: 认证, 鉴权, 身份验证
login: 登录
password: 密码
secret: 密钥
token: 令牌
encryption: 加密
compliance: 合规
threat: 威胁
threat model: 威胁建模, 威胁模型
design: 设计
architecture: 架构
system: 系统
decide: 决定
decision: 决策
choose: 选择, 选型, 选
compare: 比较, 对比
tradeoff: 权衡, 取舍
pros and cons: 利弊, 优缺点, 优劣
versus: 还是
risk: 风险
recommend: 推荐, 建议
evaluate: 评估, 评价
analyze: 分析
plan: 规划, 计划, 方案
propose: 提出
strategy: 策略
refactor: 重构
rewrite: 重写
restructure: 调整结构
migration: 迁移
split: 拆分, 拆成
root: 根本
root cause: 根因
cause: 原因
investigate: 调查, 排查
find out: 查明, 弄清楚, 搞清楚
find: 找出, 找到, 查找, 寻找, 找
pin down: 定位
why: 为什么, 为何, 怎么回事
intermittent: 间歇, 间歇性, 偶发, 偶现
occasionally: 偶尔, 时不时, 偶然
sometimes: 有时, 有时候
randomly: 随机
flaky: 不稳定
race condition: 竞态, 竞态条件, 竞争条件
deadlock: 死锁
memory: 内存
leak: 泄漏, 泄露
corrupt: 损坏, 错乱
nondeterministic: 不确定性
under load: 高负载, 高并发下
load: 负载
production: 生产环境, 线上, 生产
only in production: 只在线上, 只在生产环境
complex: 复杂
difficult: 困难, 难
tricky: 棘手
thorough: 全面, 仔细
in depth: 深入, 详细
quick: 快速, 快
simple: 简单
small: 小
short: 简短, 简要
one line: 一行
entire: 整个
entire codebase: 整个代码库, 整个项目, 全部代码
entire system: 整个系统
all services: 所有服务, 全部服务
across services: 跨服务
every service: 每个服务, 各个服务
all modules: 所有模块
cross cutting: 跨模块, 全局
all: 所有, 全部
unclear: 不清楚, 不明确
vague: 模糊, 含糊
ambiguous: 歧义
not sure: 不确定
don't know: 不知道
conflicting: 矛盾, 互相矛盾, 冲突
requirement: 需求
spec: 规格, 规范
concurrency: 并发
consistency: 一致性
distributed: 分布式
scalability: 可扩展性, 扩展性
microservice: 微服务
monolith: 单体
tenant: 租户
multi tenant: 多租户
isolation: 隔离
data model: 数据模型
schema: 表结构
database: 数据库
data: 数据
domain: 领域
transaction: 事务
idempotency: 幂等, 幂等性
lock: 锁
rollback: 回滚
downtime: 停机
zero downtime: 不停机
legacy: 遗留, 老代码
performance: 性能
slow: 慢
payment: 支付, 付款
billing: 计费
write: 写, 编写
add: 添加, 加上, 增加, 新增, 加
create: 创建, 新建
implement: 实现
build: 构建, 搭建
develop: 开发
fix: 修复, 修正, 修, 解决
debug: 调试
error: 错误, 报错, 异常
bug: 缺陷
crash: 崩溃
fail: 失败, 挂了
test: 测试
unit test: 单元测试
integration test: 集成测试
test case: 测试用例, 用例
edge case: 边界情况, 边界条件
endpoint: 接口, 端点
function: 函数
method: 方法
component: 组件
page: 页面
search: 搜索
customer: 客户
button: 按钮
form: 表单
ui: 界面
middleware: 中间件
validation: 校验, 验证
script: 脚本
feature: 功能
module: 模块
service: 服务
query: 查询
config: 配置
deploy: 部署
update: 更新
upgrade: 升级
change: 修改, 改动, 变更, 改变, 改
improve: 改进, 改善
optimize: 优化
cache: 缓存
cache layer: 缓存层
retry: 重试
pagination: 分页
filter: 过滤, 筛选
log: 日志
explain: 解释, 讲解, 说明, 讲讲
documentation: 文档
comment: 注释
draft: 草稿
email: 邮件, 电子邮件
article: 文章
blog: 博客
code: 代码, 源码
codebase: 代码库
convert: 转换, 转成, 转为, 转化, 改成, 换成
translate: 翻译
format: 格式化, 格式
sort: 排序
alphabetical order: 字母顺序, 按字母
extract: 提取, 抽取, 抽出, 摘出, 提出来
list: 列出, 清单, 列表
collect: 收集, 汇总
count: 统计, 计数
how many: 多少
classify: 分类, 归类
category: 类别
tag: 打标签, 标签, 打上标签
label: 标注
sentiment: 情感, 情绪
positive: 正面
negative: 负面
neutral: 中性
group: 分组
commit message: 提交信息, 提交说明, 提交消息
message: 消息
commit: 提交
push: 推送
every time: 每次, 每当
changelog: 更新日志, 变更日志
release notes: 发布说明, 版本说明
branch: 分支
rename: 重命名, 改名
version: 版本
version number: 版本号
metadata: 元数据
meta description: 元描述
title: 标题
description: 描述
keyword: 关键词, 关键字
alt text: 替代文本
summarize: 总结, 概括, 归纳
summary: 摘要
table: 表格, 表
each: 每个, 每条, 每一条
email address: 邮箱地址, 邮箱
address: 地址
link: 链接
name: 名字, 名称
date: 日期
number: 编号, 号码
key: 键
value: 值
field: 字段
column: 列
line: 行
duplicate: 重复
twice: 两次
dedupe: 去重
uppercase: 大写
lowercase: 小写
indentation: 缩进
consider: 考虑
look: 看看, 看一下, 瞧瞧, 看下
merge: 合并
before: 之前, 前
problem: 问题
confirm: 确认
difference: 区别, 差别, 不同
option: 选项, 参数
command: 命令
spaces: 空格
import: 导入
dependency: 依赖
typo: 错别字, 拼写错误
spelling: 拼写
grammar: 语法
default value: 默认值
what: 什么, 啥
what is: 是什么
how: 怎么, 怎样
how to: 如何, 怎么用, 怎么做
which: 哪个, 哪种
where: 哪里, 在哪
should: 应该, 应当
should we: 我们应该, 该不该, 应不应该, 要不要, 是不是应该
whether: 是否
whether we should: 是否应该
not: 不要, 别, 不用, 无需, 不需要, 不必, 不
no: 没有, 无
affect: 影响
behaviour: 行为
`,
};

const ja: RunLanguageData = {
  name: 'Japanese',
  functionWords:
    'が の を に へ で と や から まで より は も て た だ です ます でした ました する します して した し さい くだ ください お願い お願いします この その あの これ それ あれ ここ そこ 私 僕 我々 私たち ね よ な か こと もの ため よう ように 場合 とき 時 について として など ちょっと',
  negatesPrevious: 'ない ないで なく なくて ず ずに せず せずに しない しないで 不要 いらない 必要ない 必要はない 禁止',
  questionParticles: 'か かな かね でしょうか ですか ますか',
  particles: '',
  lexicon: `
review: レビュー, 査読, 見直し, 見直, レビュ
code review: コードレビュー
check: 確認, チェック, 点検
audit: 監査
assess: 診断
security: セキュリティ, 安全性
vulnerability: 脆弱性
injection: インジェクション
attack: 攻撃
permission: 権限
authentication: 認証
authorization: 認可
login: ログイン
password: パスワード
secret: 秘密鍵, シークレット
token: トークン
encryption: 暗号化
compliance: コンプライアンス
threat: 脅威
threat model: 脅威モデル
design: 設計, デザイン
architecture: アーキテクチャ, アーキテクチャー
system: システム
decide: 決め, 決定
decision: 判断, 意思決定
choose: 選択, 選ぶ, 選び, 選定
compare: 比較
tradeoff: トレードオフ
pros and cons: メリットとデメリット, メリット・デメリット, 長所と短所, 利点と欠点, 長所短所
versus: それとも
which: どちら, どっち, どれ, どの
risk: リスク
recommend: 推奨, おすすめ, お勧め, オススメ
evaluate: 評価, 検討
analyze: 分析, 解析
plan: 計画, 方針
propose: 提案
strategy: 戦略
refactor: リファクタリング, リファクタ
rewrite: 書き直, 書き換え
migration: 移行, マイグレーション
split: 分割
root: 根本
root cause: 真因, 根本原因
cause: 原因
investigate: 調査, 調べ
track down: 突き止め, 突きとめ
pin down: 特定
find: 見つけ, 探し, 探
why: なぜ, どうして, 何故
sometimes: たまに, 時々, 時折, ときどき
occasionally: まれに, 稀に
intermittent: 断続的, 間欠的
sporadic: 不定期
randomly: ランダム
flaky: 不安定, フレーキー
race condition: 競合状態, レースコンディション
race: 競合
deadlock: デッドロック
memory leak: メモリリーク
leak: リーク
corrupt: 壊れ, 破損, 化け
nondeterministic: 非決定的
under load: 高負荷
load: 負荷
production: 本番, 本番環境
complex: 複雑
difficult: 難しい, 難し
tricky: 厄介
thorough: 徹底的, 念入り, しっかり, じっくり
in depth: 詳しく, 詳細
careful: 慎重
quick: すぐ, 素早く, さっと, 軽く
simple: 簡単
small: 小さな, 小さい
short: 短い, 簡潔
entire: 全体
entire codebase: コードベース全体, プロジェクト全体, リポジトリ全体
entire system: システム全体
all services: 全サービス
cross cutting: 横断, 横断的
all: すべて, 全て, 全部
ambiguous: 曖昧
unclear: 不明確, はっきりしない
don't know: よくわからない, よく分からない, 分からない, わからない
conflicting: 矛盾
requirement: 要件, 要求
spec: 仕様
concurrency: 並行, 並列
consistency: 整合性, 一貫性
distributed: 分散
scalability: スケーラビリティ, 拡張性
microservice: マイクロサービス
monolith: モノリス
tenant: テナント
multi tenant: マルチテナント
isolation: 分離
data model: データモデル
schema: スキーマ
database: データベース
data: データ
domain: ドメイン
transaction: トランザクション
idempotency: 冪等性, 冪等
lock: ロック, 排他制御
boundary: 境界
rollback: ロールバック
downtime: ダウンタイム
zero downtime: 無停止, ゼロダウンタイム
legacy: レガシー
performance: パフォーマンス, 性能
slow: 遅い, 遅く
payment: 決済, 支払い
billing: 課金
write: 書い, 書く, 書き, 書
create: 作成, 作っ, 作る, 作り, 作
add: 追加
implement: 実装
build: 構築, ビルド
develop: 開発
fix: 修正, 直し, 直す, 直
debug: デバッグ
error: エラー, 例外
bug: バグ, 不具合
crash: クラッシュ
fail: 失敗, 落ちる, 落ち
test: テスト
unit test: 単体テスト, ユニットテスト
integration test: 結合テスト, 統合テスト
test case: テストケース
edge case: エッジケース, 境界値
endpoint: エンドポイント
function: 関数
method: メソッド
component: コンポーネント
page: ページ
screen: 画面
button: ボタン
form: フォーム
search: 検索
customer: 顧客
validation: バリデーション, 検証
script: スクリプト
feature: 機能
module: モジュール
service: サービス
query: クエリ
config: 設定
deploy: デプロイ
update: 更新, アップデート
change: 変更, 変え, 変える
improve: 改善
optimize: 最適化
cache: キャッシュ
retry: リトライ, 再試行
pagination: ページネーション
filter: フィルタ, フィルター, 絞り込
log: ログ
explain: 説明, 解説
tell: 教えて
documentation: ドキュメント
comment: コメント
draft: 下書き
email: メール
article: 記事
blog: ブログ
code: コード, ソースコード
codebase: コードベース
convert: 変換
translate: 翻訳, 訳し
format: 整形, フォーマット, 形式
sort: ソート, 並べ替え, 並び替え, 並べ
alphabetical order: アルファベット順, 五十音順, 昇順
extract: 抽出, 取り出, 抜き出
list: 一覧, リスト, 列挙
collect: 集め, 収集
count: 数え, カウント
how many: いくつ, 何個, 何件
classify: 分類, 仕分け
category: カテゴリ, カテゴリー
tag: タグ付け, タグ
label: ラベル
sentiment: 感情
positive: ポジティブ
negative: ネガティブ
group: グループ化
commit message: コミットメッセージ
message: メッセージ
commit: コミット
push: プッシュ
every time: たびに, 度に
changelog: 変更履歴, チェンジログ
release notes: リリースノート
branch: ブランチ
rename: リネーム, 名前を変更, 名前変更, 改名
version: バージョン
bump: 上げ
metadata: メタデータ
meta description: メタディスクリプション, メタ説明
title: タイトル
heading: 見出し
description: 説明文
keyword: キーワード
alt text: 代替テキスト
summarize: 要約, まとめ
table: 表, テーブル
each: 各, それぞれ, ごと
email address: メールアドレス
link: リンク
name: 名前
date: 日付
number: 番号
key: キー
value: 値
field: フィールド, 項目
column: 列, カラム
line: 行
duplicate: 重複
twice: 二重, 二回
uppercase: 大文字
lowercase: 小文字
indentation: インデント
behaviour: 挙動, 動作, 振る舞い
look: 見て, 見る
merge: マージ
before: 前に, 前
problem: 問題
difference: 違い
option: オプション, 引数
command: コマンド
spaces: スペース, 空白
import: インポート
dependency: 依存関係
typo: 誤字, タイポ, 誤字脱字
default value: デフォルト値, 既定値
what: 何, なに
how: どう, どのように
how to: どうやって, どうすれば
where: どこ
when: いつ
should: べき
should we: べきか, べきでしょうか, べきですか
whether: かどうか
`,
};

const ko: RunLanguageData = {
  name: 'Korean',
  functionWords:
    '이 그 저 이거 그거 저거 이것 그것 저것 좀 그리고 또 및 또는 혹은 그냥 제발 부탁 부탁해 부탁해요 부탁합니다 도와줘 도와주세요 도와 해 해줘 해주세요 줘 주세요 있 있는 있어 있어요 있고 합니다 해요 하세요 감사합니다 감사해요 고마워 지금 여기 거기 우리 내 제 저희 너 당신 것 거 수 때 중 등 같은 같이',
  negatesPrevious: '말고 말아 마 마세요 않 않고 않게 않도록 않은 않는 않아 않아요',
  questionParticles: '',
  particles:
    '을 를 이 가 은 는 에 에서 에게 한테 로 으로 와 과 의 도 만 까지 부터 보다 처럼 하고 이랑 랑 나 이나 해 해서 해줘 해 줘 줘 주세요 해주세요 하기 하는 한 할 하여 했 했는데 하면 하게 하지 지 고 서 면 게 기 는데 요 다 음 임 됨 된 되는 되게 돼 되어 려고 도록 로서 이다 입니다 합니다 해요 하세요 이고 인 적 적인 적으로 할지 하는지 인지 인데 해도 해야 하다 했다 해봐 봐 야 아 아서 아줘 아주세요 어 어서 어줘 어주세요 았 었 으면 는지 을지 아야 어야',
  lexicon: `
review: 리뷰, 검토
check: 점검, 확인, 체크
audit: 감사
security: 보안
secure: 안전
vulnerability: 취약점, 취약성
injection: 인젝션, 주입
attack: 공격
permission: 권한
authentication: 인증
login: 로그인
password: 비밀번호, 패스워드
secret: 시크릿
token: 토큰
encryption: 암호화
threat: 위협
design: 설계, 디자인
architecture: 아키텍처, 아키텍쳐
structure: 구조
system: 시스템
decide: 결정
decision: 판단
choose: 선택, 고르, 골라
compare: 비교
tradeoff: 트레이드오프
pros and cons: 장단점
versus: 아니면
risk: 위험, 리스크
recommend: 추천, 권장
evaluate: 평가
analyze: 분석
plan: 계획
propose: 제안
strategy: 전략
refactor: 리팩터링, 리팩토링, 리팩터, 리팩토
rewrite: 재작성
migration: 마이그레이션, 이관
split: 분리
root: 근본
cause: 원인
investigate: 조사
figure out: 파악
track down: 찾아내, 규명
find: 찾
why: 왜
sometimes: 가끔, 때때로, 간혹, 가끔씩
intermittent: 간헐적
occasionally: 드물게
sporadic: 불규칙
randomly: 랜덤, 무작위
flaky: 불안정
race: 레이스, 경쟁
condition: 조건, 컨디션
deadlock: 데드락, 교착
memory: 메모리
leak: 누수, 릭
corrupt: 손상, 깨지, 깨져
under load: 고부하
load: 부하
production: 운영, 프로덕션
complex: 복잡
difficult: 어려운, 어렵
tricky: 까다로
thorough: 꼼꼼, 철저
in depth: 자세히
quick: 빠르, 빨리
simple: 간단
small: 작은
short: 짧
entire: 전체
all: 모든, 전부, 모두
codebase: 코드베이스
across: 전반
ambiguous: 모호
unclear: 불명확
vague: 애매
don't know: 모르겠
conflicting: 상충, 충돌, 모순
requirement: 요구사항
spec: 스펙, 명세
concurrency: 동시성
consistency: 일관성, 정합성
distributed: 분산
scalability: 확장성
microservice: 마이크로서비스
monolith: 모놀리스, 모놀리식
tenant: 테넌트
multi tenant: 멀티테넌트
isolation: 격리
data: 데이터
model: 모델
schema: 스키마
database: 데이터베이스, 디비
domain: 도메인
transaction: 트랜잭션
idempotency: 멱등성
lock: 락, 잠금
rollback: 롤백
downtime: 다운타임
zero downtime: 무중단
legacy: 레거시
performance: 성능
scheduler: 스케줄러
slow: 느리, 느린, 느려
payment: 결제
write: 작성, 써
add: 추가
create: 만들, 만드, 만들어
generate: 생성
implement: 구현
build: 구축, 빌드
develop: 개발
fix: 수정, 고쳐, 고치
debug: 디버그, 디버깅
error: 에러, 오류
bug: 버그
crash: 크래시
fail: 실패
test: 테스트
unit: 단위, 유닛
integration: 통합
endpoint: 엔드포인트
function: 함수
method: 메서드, 메소드
component: 컴포넌트
page: 페이지
search: 검색
customer: 고객
screen: 화면
button: 버튼
form: 폼
validation: 검증, 유효성
script: 스크립트
feature: 기능
module: 모듈
service: 서비스
query: 쿼리
config: 설정
deploy: 배포
update: 업데이트, 갱신
upgrade: 업그레이드
change: 변경, 바꾸, 바꿔
improve: 개선
optimize: 최적화
cache: 캐시
retry: 재시도
pagination: 페이지네이션
filter: 필터
log: 로그
explain: 설명
tell: 알려
documentation: 문서
comment: 주석
email: 이메일
blog: 블로그
code: 코드
convert: 변환
translate: 번역
format: 포맷, 서식, 형식
sort: 정렬
alphabetical: 알파벳순
extract: 추출, 뽑아, 뽑
list: 목록, 리스트, 나열
collect: 수집, 모아
count: 개수, 세어
how many: 몇
classify: 분류
category: 카테고리
tag: 태그
label: 라벨, 레이블
sentiment: 감정, 감성
positive: 긍정
negative: 부정
group: 그룹
commit: 커밋
push: 푸시
every time: 때마다
message: 메시지
changelog: 체인지로그
release: 릴리스, 릴리즈
notes: 노트
branch: 브랜치
rename: 리네임
name: 이름
version: 버전
bump: 올려, 올리
metadata: 메타데이터
meta description: 메타설명
meta: 메타
title: 제목
keyword: 키워드
alt: 대체
text: 텍스트
summarize: 요약
tidy: 정리
table: 표, 테이블
each: 각, 각각
address: 주소
link: 링크
date: 날짜
number: 번호
key: 키
value: 값
field: 필드
column: 컬럼
line: 줄, 행
duplicate: 중복
twice: 두번
uppercase: 대문자
lowercase: 소문자
dependency: 의존성
consider: 고민
behaviour: 동작
look: 봐, 보고
merge: 머지, 병합
before: 전에
problem: 문제
difference: 차이
option: 옵션
command: 명령어, 커맨드
indentation: 들여쓰기
spaces: 스페이스, 공백
import: 임포트
typo: 오타
spelling: 맞춤법
default value: 기본값
what: 뭐, 무엇, 뭔
how: 어떻게
which: 어떤, 어느
where: 어디
when: 언제
should: 해야, 할까
whether: 할지
without: 없이
`,
};

export const RUN_LANGUAGES = { zh, ja, ko } as const;
