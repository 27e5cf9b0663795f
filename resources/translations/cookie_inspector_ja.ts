<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>AddStationDialog</name>
    <message>
        <source>Add a station</source>
        <translation>ステーションを追加</translation>
    </message>
    <message>
        <source>station 1</source>
        <translation>ステーション 1</translation>
    </message>
    <message>
        <source>station 2</source>
        <translation>ステーション 2</translation>
    </message>
    <message>
        <source>camera number (0, 1...), a folder, a video, a stream URL, or demo</source>
        <translation>カメラ番号 (0, 1...)、フォルダー、動画、ストリームの URL、または demo</translation>
    </message>
    <message>
        <source>Folder...</source>
        <translation>フォルダー...</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>名前なし</translation>
    </message>
    <message>
        <source>The line has one station: name it, so that the two can be told apart.</source>
        <translation>ラインのステーションはいま 1 つです。2 つを見分けられるよう、名前を付けてください。</translation>
    </message>
    <message>
        <source>Name of the station in use:</source>
        <translation>使用中のステーションの名前:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名前:</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>ソース:</translation>
    </message>
    <message>
        <source>Product:</source>
        <translation>製品:</translation>
    </message>
    <message>
        <source>A folder of photos for this station</source>
        <translation>このステーションの写真フォルダー</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>{}: {}; capture and retrain are off</source>
        <translation>{}: {}。採取と再学習は使えません</translation>
    </message>
    <message>
        <source>{}: parts will not be logged</source>
        <translation>{}: 検査記録は残りません</translation>
    </message>
    <message>
        <source>{}; capture and retrain are off</source>
        <translation>{}。採取と再学習は使えません</translation>
    </message>
    <message>
        <source>line outputs are off: {}</source>
        <translation>ライン出力は使えません: {}</translation>
    </message>
    <message>
        <source>Cookie Inspector</source>
        <translation>Cookie Inspector 外観検査</translation>
    </message>
</context>
<context>
    <name>Calibration</name>
    <message>
        <source>threshold from the samples</source>
        <translation>しきい値はサンプルから</translation>
    </message>
    <message>
        <source>calibrated on the line, {} parts, {}</source>
        <translation>ラインで校正済み（{} 個、{}）</translation>
    </message>
    <message>
        <source>calibrating on the line: {} of {} parts</source>
        <translation>ラインで校正中：{} / {} 個</translation>
    </message>
    <message>
        <source>(held at the bound: {:.2f} x the samples&apos;)</source>
        <translation>（上下限で固定：サンプルの {:.2f} 倍）</translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <source>Line calibration</source>
        <translation>ラインの校正</translation>
    </message>
    <message>
        <source>The samples give the threshold a first value. The line then sets it from the parts it judges (their median and spread); defective parts among them hardly move it. Until the first {} parts only a conservative threshold alarms.</source>
        <translation>しきい値の初期値はサンプルから決まります。その後ラインが、判定した製品（その中央値とばらつき）からしきい値を決めます。その中に不良品が混ざっていてもほとんど動きません。最初の {} 個までは、控えめな（高めの）しきい値でだけアラームを出します。</translation>
    </message>
    <message>
        <source>Calibrate on the line</source>
        <translation>ラインで校正する</translation>
    </message>
    <message>
        <source> parts</source>
        <translation> 個</translation>
    </message>
    <message>
        <source>The line&apos;s threshold stays between the samples&apos; divided and multiplied by this</source>
        <translation>ラインのしきい値は、サンプルのしきい値をこの値で割った値と掛けた値の間に収まります</translation>
    </message>
    <message>
        <source>Calibrate over</source>
        <translation>校正に使う製品数</translation>
    </message>
    <message>
        <source>At most x / ÷ the samples&apos; threshold</source>
        <translation>サンプルのしきい値の最大 × / ÷</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <source>station {name}: a name of letters, digits, spaces, dots, dashes or underscores (up to 40), starting with a letter or digit</source>
        <translation>ステーション {name}: 名前は文字か数字で始め、文字・数字・空白・ドット・ダッシュ・下線で 40 文字までにしてください</translation>
    </message>
    <message>
        <source>two stations are named {name}: each needs a name of its own</source>
        <translation>{name} という名前のステーションが 2 つあります。それぞれ別の名前にしてください</translation>
    </message>
    <message>
        <source>station {name} waits for the model being trained for it: remove it when the training has ended</source>
        <translation>ステーション {name} は学習中のモデルを待っています。学習が終わってから外してください</translation>
    </message>
    <message>
        <source>the last station stays: a line needs one</source>
        <translation>最後のステーションは外せません。ラインには 1 つ必要です</translation>
    </message>
    <message>
        <source>{path}: the stations cannot be remembered: {why}</source>
        <translation>{path}: ステーションを保存できません: {why}</translation>
    </message>
    <message>
        <source>cannot reach the broker at {where} ({why})</source>
        <translation>ブローカー {where} に接続できません（{why}）</translation>
    </message>
    <message>
        <source>the broker at {where} refused the connection ({why})</source>
        <translation>ブローカー {where} が接続を拒否しました（{why}）</translation>
    </message>
    <message>
        <source>the broker at {where} did not answer within {s} s</source>
        <translation>ブローカー {where} が {s} 秒以内に応答しません</translation>
    </message>
    <message>
        <source>{where}: the connection was lost</source>
        <translation>{where}: 接続が切れました</translation>
    </message>
    <message>
        <source>{where}: no acknowledgement (PUBACK) within {s} s</source>
        <translation>{where}: {s} 秒以内に受信確認（PUBACK）がありません</translation>
    </message>
    <message>
        <source>TLS with {where} failed ({why})</source>
        <translation>{where} との TLS 接続に失敗しました（{why}）</translation>
    </message>
    <message>
        <source>{what}: not a usable CA file ({why})</source>
        <translation>{what}: 使える CA ファイルではありません（{why}）</translation>
    </message>
    <message>
        <source>{where} answered HTTP {code} {reason}</source>
        <translation>{where} が HTTP {code} {reason} を返しました</translation>
    </message>
    <message>
        <source>cannot reach {where} ({why})</source>
        <translation>{where} に接続できません（{why}）</translation>
    </message>
    <message>
        <source>cannot listen on {where} ({why})</source>
        <translation>{where} で待ち受けできません（{why}）</translation>
    </message>
    <message>
        <source>the output is closing</source>
        <translation>出力を終了しています</translation>
    </message>
    <message>
        <source>{what}: an MQTT broker is written mqtt://HOST:PORT[/PREFIX] (or mqtts:// for TLS)</source>
        <translation>{what}: MQTT ブローカーは mqtt://ホスト:ポート[/接頭辞] と書きます（TLS は mqtts://）</translation>
    </message>
    <message>
        <source>{what}: the port is not a number from 1 to 65535</source>
        <translation>{what}: ポートは 1〜65535 の数で指定してください</translation>
    </message>
    <message>
        <source>{what}: no host (write it as {scheme}://HOST:PORT)</source>
        <translation>{what}: ホストがありません（{scheme}://ホスト:ポート と書きます）</translation>
    </message>
    <message>
        <source>{what}: the topic prefix {prefix} may not contain &apos;+&apos;, &apos;#&apos; or empty levels</source>
        <translation>{what}: トピックの接頭辞 {prefix} に &apos;+&apos;、&apos;#&apos;、空の階層は使えません</translation>
    </message>
    <message>
        <source>{what}: a CA file is for a TLS broker: write mqtts://</source>
        <translation>{what}: CA ファイルは TLS のブローカー用です。mqtts:// と書いてください</translation>
    </message>
    <message>
        <source>{what}: the CA file does not exist</source>
        <translation>{what}: CA ファイルがありません</translation>
    </message>
    <message>
        <source>{what}: an OPC UA endpoint is written opc.tcp://HOST:PORT</source>
        <translation>{what}: OPC UA のエンドポイントは opc.tcp://ホスト:ポート と書きます</translation>
    </message>
    <message>
        <source>an OPC UA user needs a password and a password needs a user ({how})</source>
        <translation>OPC UA のユーザーにはパスワードが、パスワードにはユーザーが必要です（{how}）</translation>
    </message>
    <message>
        <source>{what}: a webhook is an http:// or https:// URL</source>
        <translation>{what}: Webhook は http:// または https:// の URL です</translation>
    </message>
    <message>
        <source>the outbox bound must be positive (days and MB)</source>
        <translation>送信待ちの上限（日数と MB）は正の数にしてください</translation>
    </message>
    <message>
        <source>the line name {name} cannot be an MQTT topic level (no &apos;/&apos;, &apos;+&apos;, &apos;#&apos; and not empty)</source>
        <translation>ライン名 {name} は MQTT のトピック階層に使えません（&apos;/&apos;、&apos;+&apos;、&apos;#&apos; を含まず、空でないこと）</translation>
    </message>
    <message>
        <source>MQTT and the webhook send what the inspection log records (their outbox is in it): they cannot run without the log</source>
        <translation>MQTT と Webhook は検査記録の内容を送ります（送信待ちは検査記録の中にあります）。検査記録なしでは使えません</translation>
    </message>
    <message>
        <source>{output} outbox: events older than {days} days</source>
        <translation>{output} の送信待ち: {days} 日より古いイベント</translation>
    </message>
    <message>
        <source>{output} outbox: the bound of {mb} MB was reached</source>
        <translation>{output} の送信待ち: 上限の {mb} MB に達しました</translation>
    </message>
    <message>
        <source>the oldest {n} event(s) were dropped ({first} to {last}, logged in outbox_dropped)</source>
        <translation>古い順に {n} 件のイベントを破棄しました（{first} 〜 {last}、outbox_dropped に記録）</translation>
    </message>
    <message>
        <source>{what}: the camera cannot be opened</source>
        <translation>{what}: カメラを開けません</translation>
    </message>
    <message>
        <source>{what}: the stream cannot be opened</source>
        <translation>{what}: ストリームを開けません</translation>
    </message>
    <message>
        <source>{what}: the video cannot be opened</source>
        <translation>{what}: 動画を開けません</translation>
    </message>
    <message>
        <source>{what}: no such video file</source>
        <translation>{what}: 動画ファイルがありません</translation>
    </message>
    <message>
        <source>{what}: no frame could be decoded</source>
        <translation>{what}: 画像をデコードできません</translation>
    </message>
    <message>
        <source>{what}: no picture (disconnected?)</source>
        <translation>{what}: 映像が来ません（接続が切れた可能性）</translation>
    </message>
    <message>
        <source>{using} threshold {value} ({state}, {parts} of {of} parts)</source>
        <translation>{using}のしきい値 {value} ({state}、{of} 部品中 {parts})</translation>
    </message>
    <message>
        <source>there is a product named {name} already: switch to it (Line &gt; Product...)</source>
        <translation>{name} という製品はすでにあります: ライン &gt; 製品... で切り替えてください</translation>
    </message>
    <message>
        <source>no product named {name}</source>
        <translation>{name} という製品はありません</translation>
    </message>
    <message>
        <source>{what}: not a readable list of products ({why})</source>
        <translation>{what}: 製品の一覧として読めません ({why})</translation>
    </message>
    <message>
        <source>{what}: cannot write the list of products ({why})</source>
        <translation>{what}: 製品の一覧を書き込めません ({why})</translation>
    </message>
    <message>
        <source>folder {what}: all {n} photos were judged before (File &gt; Replay folder judges them again)</source>
        <translation>フォルダ {what}: {n} 枚の写真はすべて判定済みです (ファイル &gt; フォルダを再判定 で、もう一度判定します)</translation>
    </message>
    <message>
        <source>folder {what}: every photo has been judged ({n} of them before this start)</source>
        <translation>フォルダ {what}: すべての写真を判定しました (うち {n} 枚は今回の起動より前に判定済み)</translation>
    </message>
    <message>
        <source>folder {what}: waiting for new photos ({n} judged so far)</source>
        <translation>フォルダ {what}: 新しい写真を待っています (これまでに {n} 枚判定)</translation>
    </message>
    <message>
        <source>folder {what}: every picture has been judged</source>
        <translation>フォルダ {what}: すべての画像を判定しました</translation>
    </message>
    <message>
        <source>{what}: the video has ended</source>
        <translation>{what}: 動画が終わりました</translation>
    </message>
    <message>
        <source>{what}: not there (is the drive or share connected?)</source>
        <translation>{what}: 見つかりません(ドライブや共有フォルダは接続されていますか?)</translation>
    </message>
    <message>
        <source>{what}: no such folder</source>
        <translation>{what}: フォルダがありません</translation>
    </message>
    <message>
        <source>{what}: no images ({kinds})</source>
        <translation>{what}: 画像がありません（{kinds}）</translation>
    </message>
    <message>
        <source>{what}: none of the images can be read</source>
        <translation>{what}: どの画像も読めません</translation>
    </message>
    <message>
        <source>{what}: no such camera, file, folder or stream</source>
        <translation>{what}: そのようなカメラ・ファイル・フォルダ・ストリームはありません</translation>
    </message>
    <message>
        <source>{what}: the demo line&apos;s seed must be a whole number</source>
        <translation>{what}: デモラインのシードは整数で指定してください</translation>
    </message>
    <message>
        <source>{what}: not open</source>
        <translation>{what}: 開かれていません</translation>
    </message>
    <message>
        <source>trying again in {s} s</source>
        <translation>{s} 秒後に再接続します</translation>
    </message>
    <message>
        <source>{what}: a grey picture, but the model was trained on colour ones: its verdict is unreliable (train a model on grey samples, or give colour pictures)</source>
        <translation>{what}: 白黒の画像ですが、モデルはカラー画像で学習しています。判定は信頼できません（白黒のサンプルでモデルを学習するか、カラー画像を使ってください）</translation>
    </message>
    <message>
        <source>{what}: the region inspected is {w}x{h} pixels, squashed into the model&apos;s {s}x{s} square: parts look distorted and may be judged wrongly (make the region closer to square, around the part)</source>
        <translation>{what}: 検査領域は {w}x{h} ピクセルで、モデルの {s}x{s} の正方形に押しつぶされます。製品がゆがんで見え、誤判定のおそれがあります（製品を囲む、正方形に近い領域にしてください）</translation>
    </message>
    <message>
        <source>{what}: reconnected after {s} s without frames</source>
        <translation>{what}: 再接続しました（映像が {s} 秒途切れていました）</translation>
    </message>
    <message>
        <source>reconnected after {s} s without frames</source>
        <translation>再接続しました（映像が {s} 秒途切れていました）</translation>
    </message>
    <message>
        <source>a grey picture, but the model was trained on colour ones: its verdict is unreliable (train a model on grey samples, or give colour pictures)</source>
        <translation>白黒の画像ですが、モデルはカラー画像で学習しています。判定は信頼できません（白黒のサンプルでモデルを学習するか、カラー画像を使ってください）</translation>
    </message>
    <message>
        <source>the region inspected is {w}x{h} pixels, squashed into the model&apos;s {s}x{s} square: parts look distorted and may be judged wrongly (make the region closer to square, around the part)</source>
        <translation>検査領域は {w}x{h} ピクセルで、モデルの {s}x{s} の正方形に押しつぶされます。製品がゆがんで見え、誤判定のおそれがあります（製品を囲む、正方形に近い領域にしてください）</translation>
    </message>
    <message>
        <source>{what}: the region inspected is {w}x{h} pixels, but the model was trained on pictures shaped {r}:1 (width:height): parts are stretched differently from the samples and good ones may alarm (draw the region in the samples&apos; shape, or retrain on samples of this region)</source>
        <translation>{what}: 検査領域は {w}x{h} ピクセルですが、モデルは縦横比 {r}:1（幅:高さ）の画像で学習されています。製品がサンプルと違う形に引き伸ばされ、良品でもアラームが出ることがあります（領域をサンプルと同じ形にするか、この領域のサンプルで再学習してください）</translation>
    </message>
    <message>
        <source>the region inspected is {w}x{h} pixels, but the model was trained on pictures shaped {r}:1 (width:height): parts are stretched differently from the samples and good ones may alarm (draw the region in the samples&apos; shape, or retrain on samples of this region)</source>
        <translation>検査領域は {w}x{h} ピクセルですが、モデルは縦横比 {r}:1（幅:高さ）の画像で学習されています。製品がサンプルと違う形に引き伸ばされ、良品でもアラームが出ることがあります（領域をサンプルと同じ形にするか、この領域のサンプルで再学習してください）</translation>
    </message>
    <message>
        <source>no part in the region</source>
        <translation>検査枠にワークがありません</translation>
    </message>
    <message>
        <source>the part is not wholly in the region</source>
        <translation>ワークが検査枠からはみ出しています</translation>
    </message>
    <message>
        <source>the part is moving</source>
        <translation>ワークが動いています</translation>
    </message>
    <message>
        <source>over-exposed: {share} of the region is blown out, mean level {level} of 255</source>
        <translation>露出オーバー: 検査枠の {share} が白飛び、平均輝度 {level}/255</translation>
    </message>
    <message>
        <source>under-exposed: mean level {level} of 255, {share} of the region black</source>
        <translation>露出不足: 平均輝度 {level}/255、検査枠の {share} が黒つぶれ</translation>
    </message>
    <message>
        <source>blurred: sharpness {sharp}, at least {floor} needed</source>
        <translation>ピンぼけ: 鮮鋭度 {sharp}（{floor} 以上が必要）</translation>
    </message>
    <message>
        <source>a near-duplicate of a stored sample</source>
        <translation>保存済みサンプルとほぼ同じ画像です</translation>
    </message>
    <message>
        <source>no picture from the line yet</source>
        <translation>ラインからの映像がまだありません</translation>
    </message>
    <message>
        <source>the part has no region to store</source>
        <translation>保存する検査枠がありません</translation>
    </message>
    <message>
        <source>the model calls this {v} (score {score} x threshold)</source>
        <translation>モデルの判定は {v} です（スコア しきい値の {score} 倍）</translation>
    </message>
    <message>
        <source>part {n}: the model calls it {v} (score {score} x threshold)</source>
        <translation>No.{n}: モデルの判定は {v} です（スコア しきい値の {score} 倍）</translation>
    </message>
    <message>
        <source>{what}: only {mb} MB free</source>
        <translation>{what}: 空き容量が {mb} MB しかありません</translation>
    </message>
    <message>
        <source>NG pictures are not saved below {mb} MB, every part is still logged</source>
        <translation>空きが {mb} MB を下回ったため不良品の画像は保存しません。検査記録は続けています</translation>
    </message>
    <message>
        <source>{what}: cannot save the pictures of {v} part {n} ({os})</source>
        <translation>{what}: {v} の部品 No.{n} の画像を保存できません（{os}）</translation>
    </message>
    <message>
        <source>every part is still logged</source>
        <translation>検査記録は続けています</translation>
    </message>
    <message>
        <source>a training is already running</source>
        <translation>学習はすでに実行中です</translation>
    </message>
    <message>
        <source>this line bundle inspects without TensorFlow, which training needs: train with the full installation, then open the model here (File &gt; Open model)</source>
        <translation>このライン用パッケージは学習に必要な TensorFlow を含まず、検査専用です。フル版で学習し、そのモデルをここで開いてください（ファイル &gt; モデルを開く）</translation>
    </message>
    <message>
        <source>{n} more good samples needed ({all} in all)</source>
        <translation>良品サンプルがあと {n} 枚必要です（合計 {all} 枚）</translation>
    </message>
    <message>
        <source>train a new model on {n} good samples</source>
        <translation>良品サンプル {n} 枚で新しいモデルを学習します</translation>
    </message>
    <message>
        <source>the line goes on meanwhile</source>
        <translation>その間も検査は続きます</translation>
    </message>
    <message>
        <source>training cancelled</source>
        <translation>学習を中止しました</translation>
    </message>
    <message>
        <source>the active model is unchanged</source>
        <translation>使用中のモデルは変わりません</translation>
    </message>
    <message>
        <source>the old model stays</source>
        <translation>元のモデルを使い続けます</translation>
    </message>
    <message>
        <source>the new model was not activated: {why}</source>
        <translation>新しいモデルは採用されませんでした: {why}</translation>
    </message>
    <message>
        <source>it alarms on {a} of {n} held-out good samples ({rate})</source>
        <translation>検証用の良品 {n} 枚中 {a} 枚で誤報しました（{rate}）</translation>
    </message>
    <message>
        <source>at most {rate} is allowed</source>
        <translation>許容は {rate} までです</translation>
    </message>
    <message>
        <source>new model {name} active after {s} s: {why}</source>
        <translation>新しいモデル {name} を {s} 秒で採用しました: {why}</translation>
    </message>
    <message>
        <source>it catches {c} of {n} test defects made from your samples, at 1% false alarms</source>
        <translation>サンプルから作ったテスト不良 {n} 個のうち {c} 個を検出（誤報 1% のしきい値で）</translation>
    </message>
    <message>
        <source>{c} of the {n} clearly visible ones</source>
        <translation>はっきり見える不良では {n} 個のうち {c} 個</translation>
    </message>
    <message>
        <source>the smallest it catches is {px} pixels</source>
        <translation>検出できた最小の不良は {px} ピクセル</translation>
    </message>
    <message>
        <source>it may be blind to small defects of this product</source>
        <translation>この製品の小さな不良を見逃すおそれがあります</translation>
    </message>
    <message>
        <source>more samples or a region closer around the product help</source>
        <translation>サンプルを増やすか、検査枠を製品のまわりに狭めると改善します</translation>
    </message>
    <message>
        <source>{a} of {n} held-out good samples over the threshold ({rate})</source>
        <translation>検証用の良品 {n} 枚中 {a} 枚がしきい値超え（{rate}）</translation>
    </message>
    <message>
        <source>it alarms on {a} of {n} good samples scored out of fold ({rate})</source>
        <translation>交差検証で採点した良品 {n} 枚中 {a} 枚で誤報しました（{rate}）</translation>
    </message>
    <message>
        <source>{a} of {n} good samples scored out of fold over the threshold ({rate})</source>
        <translation>交差検証で採点した良品 {n} 枚中 {a} 枚がしきい値超え（{rate}）</translation>
    </message>
    <message>
        <source>the saved model does not score its samples as it did when trained (off by {off} of its threshold): it is not the model that was calibrated</source>
        <translation>保存されたモデルが学習時と同じ採点をしません（しきい値の {off} のずれ）：校正したモデルではありません</translation>
    </message>
    <message>
        <source>the training process was stopped or crashed</source>
        <translation>学習プロセスが停止または異常終了しました</translation>
    </message>
    <message>
        <source>training failed: {why}</source>
        <translation>学習に失敗しました: {why}</translation>
    </message>
    <message>
        <source>too few training steps for this network: {n} training images x {e} epoch(s) at batch {b} are {s} steps, and the {arch} network needs about {f} before its output follows its input (now it gives every image almost the same picture, {p} of their spread), so it would not see defects</source>
        <translation>学習ステップが少なすぎます: 学習画像 {n} 枚 x {e} エポック（バッチ {b}）で {s} ステップですが、{arch} ネットワークの出力が入力に従うには約 {f} ステップ必要です（今はどの画像にもほぼ同じ画像を出力し、ばらつきは {p} です）。このままでは欠陥を見つけられません</translation>
    </message>
    <message>
        <source>nothing was written. Train for --epochs {k} or more, or give more samples</source>
        <translation>何も保存していません。--epochs {k} 以上で学習するか、サンプルを増やしてください</translation>
    </message>
    <message>
        <source>{what}: cannot write the model bundle ({os})</source>
        <translation>{what}: モデルを書き込めません（{os}）</translation>
    </message>
    <message>
        <source>no model was written</source>
        <translation>モデルは保存されていません</translation>
    </message>
    <message>
        <source>the bundle already there is unchanged</source>
        <translation>既存のモデルはそのままです</translation>
    </message>
    <message>
        <source>the trainer could not start ({why})</source>
        <translation>学習を開始できませんでした（{why}）</translation>
    </message>
    <message>
        <source>the new model could not be activated: {why}</source>
        <translation>新しいモデルを有効にできませんでした: {why}</translation>
    </message>
    <message>
        <source>the check failed: {why}</source>
        <translation>検証に失敗しました: {why}</translation>
    </message>
    <message>
        <source>{what}: not a model bundle{rest}</source>
        <translation>{what}: モデルフォルダではありません{rest}</translation>
    </message>
    <message>
        <source>{what}: cannot be loaded as a Keras model ({why})</source>
        <translation>{what}: Keras モデルとして読み込めません（{why}）</translation>
    </message>
    <message>
        <source>{what}: not valid JSON ({why})</source>
        <translation>{what}: JSON として不正です（{why}）</translation>
    </message>
    <message>
        <source>{what}: damaged or not a Keras model file</source>
        <translation>{what}: 壊れているか、Keras のモデルファイルではありません</translation>
    </message>
    <message>
        <source>{what}: this model needs TensorFlow, which is not installed here</source>
        <translation>{what}: このモデルには TensorFlow が必要ですが、ここにはインストールされていません</translation>
    </message>
    <message>
        <source>the line bundle runs models that carry a LiteRT export (cookie-inspector export, run where TensorFlow is installed, adds one)</source>
        <translation>ライン用パッケージは LiteRT 形式を持つモデルを実行します（TensorFlow のある環境で cookie-inspector export を実行すると追加されます）</translation>
    </message>
    <message>
        <source>{what}: missing</source>
        <translation>{what}: ありません</translation>
    </message>
    <message>
        <source>{what} is not a model bundle</source>
        <translation>{what} はモデルフォルダではありません</translation>
    </message>
    <message>
        <source>camera {index}</source>
        <translation>カメラ {index}</translation>
    </message>
    <message>
        <source>folder {path}</source>
        <translation>フォルダ {path}</translation>
    </message>
    <message>
        <source>demo line (seed {seed}, {size} at {fps} fps)</source>
        <translation>デモライン（シード {seed}、{size}、{fps} fps）</translation>
    </message>
    <message>
        <source>line</source>
        <translation>ライン</translation>
    </message>
    <message>
        <source>conservative</source>
        <translation>慎重な</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>サンプル</translation>
    </message>
    <message>
        <source>off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>calibrating</source>
        <translation>校正中</translation>
    </message>
    <message>
        <source>calibrated</source>
        <translation>校正済み</translation>
    </message>
    <message>
        <source>; </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>LineOutputsDialog</name>
    <message>
        <source>Line outputs</source>
        <translation>ライン出力</translation>
    </message>
    <message>
        <source>Every part&apos;s verdict can also go to the plant floor. Events wait in an outbox in the data folder until each output has acknowledged them, so a broker or network that is down loses nothing. Leave a field empty to turn that output off.</source>
        <translation>各製品の判定を工場のシステムにも送れます。イベントは各出力が受信を確認するまでデータフォルダの送信待ちに残るので、ブローカーやネットワークが止まっても失われません。使わない出力は空欄にしてください。</translation>
    </message>
    <message>
        <source>Line name</source>
        <translation>ライン名</translation>
    </message>
    <message>
        <source>MQTT</source>
        <translation>MQTT</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>ブローカー</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>省略可</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>not saved; or $COOKIE_INSPECTOR_MQTT_PASSWORD</source>
        <translation>保存されません。または $COOKIE_INSPECTOR_MQTT_PASSWORD</translation>
    </message>
    <message>
        <source>CA file (mqtts://)</source>
        <translation>CA ファイル（mqtts://）</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>OPC UA server</source>
        <translation>OPC UA サーバー</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>エンドポイント</translation>
    </message>
    <message>
        <source>Acknowledging user</source>
        <translation>アラーム確認できるユーザー</translation>
    </message>
    <message>
        <source>optional: anyone may acknowledge</source>
        <translation>省略可: 誰でも確認できます</translation>
    </message>
    <message>
        <source>not saved; or $COOKIE_INSPECTOR_OPCUA_PASSWORD</source>
        <translation>保存されません。または $COOKIE_INSPECTOR_OPCUA_PASSWORD</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>送信待ち</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 日</translation>
    </message>
    <message>
        <source>Keep undelivered events for at most</source>
        <translation>未送信イベントの保持期間（最大）</translation>
    </message>
    <message>
        <source>and at most (per output)</source>
        <translation>保持容量（最大、出力ごと）</translation>
    </message>
    <message>
        <source>No output is on.</source>
        <translation>有効な出力はありません。</translation>
    </message>
</context>
<context>
    <name>LiveView</name>
    <message>
        <source>Live camera view. Drag the region to move it, drag a corner to resize it.</source>
        <translation>ライブ映像。検査枠はドラッグで移動、角のドラッグで大きさを変えられます。</translation>
    </message>
    <message>
        <source>waiting for the first picture...</source>
        <translation>最初の画像を待っています...</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cookie Inspector</source>
        <translation>Cookie Inspector 外観検査</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>ヒートマップ</translation>
    </message>
    <message>
        <source>Paint where the part differs from good parts in red (H)</source>
        <translation>良品と異なる箇所を赤で表示します (H)</translation>
    </message>
    <message>
        <source>Opacity of the heatmap at the threshold</source>
        <translation>しきい値でのヒートマップの濃さ</translation>
    </message>
    <message>
        <source>Alarm threshold, relative to the model&apos;s calibrated one; applies at once</source>
        <translation>アラームのしきい値（モデルの校正値に対する倍率）。すぐに反映されます</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>検査</translation>
    </message>
    <message>
        <source>opacity</source>
        <translation>濃さ</translation>
    </message>
    <message>
        <source>Samples and training</source>
        <translation>サンプルと学習</translation>
    </message>
    <message>
        <source>run {}</source>
        <translation>実行 {}</translation>
    </message>
    <message numerus="yes">
        <source>%n NG part(s) from before the restart still wait for acknowledgement</source>
        <translation>
            <numerusform>再起動前の NG 部品 %n 個が確認待ちです</numerusform>
        </translation>
    </message>
    <message>
        <source>the line is paused (Space resumes)</source>
        <translation>ラインは一時停止中です（スペースキーで再開）</translation>
    </message>
    <message>
        <source>no picture from {} for {:.0f} s</source>
        <translation>{} から {:.0f} 秒間映像がありません</translation>
    </message>
    <message>
        <source>NO SIGNAL: {}</source>
        <translation>映像なし: {}</translation>
    </message>
    <message>
        <source>loading the model...</source>
        <translation>モデルを読み込んでいます...</translation>
    </message>
    <message>
        <source>no model could be loaded: open one (File &gt; Open model)</source>
        <translation>モデルを読み込めませんでした。モデルを開いてください（ファイル &gt; モデルを開く）</translation>
    </message>
    <message>
        <source>last: part {} {}</source>
        <translation>直前: No.{} {}</translation>
    </message>
    <message>
        <source>station {} in focus</source>
        <translation>ステーション {} を表示中</translation>
    </message>
    <message>
        <source>the photos of the folder wait for the first model of {}: import good ones (Samples &gt; Import folder...), then Retrain</source>
        <translation>フォルダの写真は {} の最初のモデルを待っています: 良品を取り込んで (サンプル &gt; フォルダから取り込む...)、再学習してください</translation>
    </message>
    <message>
        <source>part {}: {:.2f} x the threshold of a model for another product</source>
        <translation>No.{}: 別製品用モデルのしきい値の {:.2f} 倍</translation>
    </message>
    <message>
        <source>part {}: {:.2f} x threshold</source>
        <translation>No.{}: しきい値の {:.2f} 倍</translation>
    </message>
    <message>
        <source>part {}: judging...</source>
        <translation>No.{}: 判定中...</translation>
    </message>
    <message>
        <source>NO SIGNAL for {} s: check the camera</source>
        <translation>映像なしが {} 秒続いています。カメラを確認してください</translation>
    </message>
    <message>
        <source>the line&apos;s calibration starts again: a conservative threshold alarms until enough parts are seen</source>
        <translation>ラインの校正をやり直します：十分な数の製品を見るまでは控えめなしきい値でアラームを出します</translation>
    </message>
    <message>
        <source>line outputs: {}</source>
        <translation>ライン出力: {}</translation>
    </message>
    <message>
        <source>before the restart (run {})</source>
        <translation>再起動前(実行 {})</translation>
    </message>
    <message>
        <source>under the camera now</source>
        <translation>いまカメラの下</translation>
    </message>
    <message>
        <source>just passed</source>
        <translation>直前に通過</translation>
    </message>
    <message numerus="yes">
        <source>passed %n part(s) ago</source>
        <translation>
            <numerusform>%n 個前に通過</numerusform>
        </translation>
    </message>
    <message>
        <source>part {}  {}
{}  score {:.2f} x threshold</source>
        <translation>No.{}  {}
{}  スコア しきい値の {:.2f} 倍</translation>
    </message>
    <message>
        <source>{}: {}</source>
        <translation>{}: {}</translation>
    </message>
    <message numerus="yes">
        <source>NG at {}: take %n part(s) off the line, then acknowledge</source>
        <translation>
            <numerusform>{} で NG: %n 個の部品をラインから外してから確認してください</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>NG: take %n part(s) off the line, then acknowledge</source>
        <translation>
            <numerusform>不良: %n 個をラインから取り除き、
アラーム確認を押してください</numerusform>
        </translation>
    </message>
    <message>
        <source>capture: switch capture mode on first (F6)</source>
        <translation>採取: 先に採取モードをオンにしてください (F6)</translation>
    </message>
    <message>
        <source>part {} (score {:.2f} x threshold) left out of the line&apos;s calibration</source>
        <translation>部品 {}(スコア しきい値の {:.2f} 倍)をラインの校正から外しました</translation>
    </message>
    <message>
        <source>part {} is not in the line&apos;s calibration (it is finished or off): nothing to leave out</source>
        <translation>部品 {} はラインの校正に含まれていません(校正は完了済みかオフ):外すものはありません</translation>
    </message>
    <message>
        <source>False alarm</source>
        <translation>誤報</translation>
    </message>
    <message>
        <source>Part {} (score {:.2f} x threshold) was a good part?

It is added to the good samples; the next retrain learns it.</source>
        <translation>No.{}（スコア しきい値の {:.2f} 倍）は良品でしたか？

良品サンプルに加え、次の再学習で覚えさせます。</translation>
    </message>
    <message>
        <source>part {} added to the good samples as {}</source>
        <translation>No.{} を良品サンプル {} として追加しました</translation>
    </message>
    <message>
        <source>teaching {}: importing {}, then Retrain</source>
        <translation>{} を教示中: {} を取り込んでいます。終わったら再学習してください</translation>
    </message>
    <message>
        <source>teaching {}: capture good parts (F6, C) or import a folder of photos, then Retrain</source>
        <translation>{} を教えています: 良品を取り込むか (F6, C)、写真のフォルダを取り込んでから、再学習してください</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>製品</translation>
    </message>
    <message>
        <source>product on the line: {}</source>
        <translation>ラインの製品: {}</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>名前なし</translation>
    </message>
    <message>
        <source>teaching {}</source>
        <translation>{} を教示中</translation>
    </message>
    <message>
        <source>No alarms from the active model while a new product is taught: it knows another product</source>
        <translation>新しい製品の教示中は使用中のモデルのアラームを出しません: そのモデルは別の製品のものです</translation>
    </message>
    <message>
        <source>running: {}</source>
        <translation>稼働中: {}</translation>
    </message>
    <message>
        <source>now inspecting with {}</source>
        <translation>{} で検査しています</translation>
    </message>
    <message>
        <source>loading...</source>
        <translation>読込中...</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>shipped model</source>
        <translation>出荷時モデル</translation>
    </message>
    <message>
        <source>model: {}</source>
        <translation>モデル: {}</translation>
    </message>
    <message>
        <source>no model: {}</source>
        <translation>モデルなし: {}</translation>
    </message>
    <message>
        <source>the remembered model could not be loaded ({}); using {}</source>
        <translation>前回のモデルを読み込めませんでした（{}）。{} を使います</translation>
    </message>
    <message>
        <source>model not changed: {}</source>
        <translation>モデルは変更されていません: {}</translation>
    </message>
    <message>
        <source>a part is moving through the region</source>
        <translation>ワークが検査枠を通過中</translation>
    </message>
    <message>
        <source>Alarm acknowledged remotely ({}) at {}</source>
        <translation>アラームはリモート（{}）で {} に確認されました</translation>
    </message>
    <message>
        <source>threshold set from the labelled parts: {:.2f} x calibrated</source>
        <translation>ラベル付きの部品からしきい値を設定しました: 校正値の {:.2f} 倍</translation>
    </message>
    <message>
        <source>part {} left out of the line&apos;s calibration</source>
        <translation>部品 No.{} をラインの校正から除外しました</translation>
    </message>
    <message>
        <source>part {} counts as good in the line&apos;s calibration</source>
        <translation>部品 No.{} をラインの校正で良品として扱います</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>新しい製品</translation>
    </message>
    <message numerus="yes">
        <source>The %n good sample(s) of the current product are put aside in the data folder&apos;s samples/archive (not deleted), so that the new product&apos;s model learns the new product alone. Go on?</source>
        <translation>
            <numerusform>現在の製品の良品サンプル %n 枚をデータフォルダの samples/archive に退避します(削除はしません)。新しい製品のモデルが新しい製品だけを学習するためです。続けますか?</numerusform>
        </translation>
    </message>
    <message>
        <source>previous product</source>
        <translation>前の製品</translation>
    </message>
    <message>
        <source>new product</source>
        <translation>新しい製品</translation>
    </message>
    <message>
        <source>; the earlier samples are in {}</source>
        <translation>。以前のサンプルは {} にあります</translation>
    </message>
    <message>
        <source>teaching {}: capture good parts (F6, C), then Retrain{}</source>
        <translation>{} を教示中: 良品を採取して(F6、C)、再学習してください{}</translation>
    </message>
    <message>
        <source>{}: the active model&apos;s NG parts are alarms again</source>
        <translation>{}: 使用中のモデルの不良は再びアラームになります</translation>
    </message>
    <message>
        <source>{} of the last {} parts are NG: does the active model know another product? Samples &gt; New product... teaches this one</source>
        <translation>直近 {1} 個中 {0} 個が不良です:使用中のモデルは別の製品用では?「サンプル &gt; 新しい製品...」でこの製品を教えられます</translation>
    </message>
    <message>
        <source>{} of the last {} parts NG: is the active model for another product?</source>
        <translation>直近 {1} 個中 {0} 個が不良: 使用中のモデルは別の製品用では？</translation>
    </message>
    <message>
        <source>unnamed product</source>
        <translation>名前のない製品</translation>
    </message>
    <message>
        <source>Cookie Inspector: {} at {}</source>
        <translation>Cookie Inspector: {} ({})</translation>
    </message>
    <message>
        <source>Cookie Inspector: {}</source>
        <translation>Cookie Inspector 外観検査: {}</translation>
    </message>
    <message>
        <source>Model not loaded</source>
        <translation>モデルを読み込めません</translation>
    </message>
    <message>
        <source>The model could not be loaded; the line keeps the current one.

{}</source>
        <translation>モデルを読み込めませんでした。今のモデルで検査を続けます。

{}</translation>
    </message>
    <message>
        <source>The line&apos;s parts score far above the new model&apos;s samples: its threshold is held at the bound, {:.2f} x the samples&apos;. Is the region, the light or the product the same as in the samples? If not, roll back to {}.</source>
        <translation>ラインの部品のスコアが新しいモデルのサンプルよりはるかに高く、しきい値は上限(サンプルの {:.2f} 倍)で止まっています。検査領域・照明・製品はサンプルと同じですか?違う場合は {} に戻してください。</translation>
    </message>
    <message>
        <source>The new model alarmed on {} of the first {} parts ({:.0%}); it was calibrated for {:.0%}. Check the NG parts: if they are good, roll back to {}.</source>
        <translation>新しいモデルは最初の {1} 個中 {0} 個を不良と判定しました（{2:.0%}）。校正時の想定は {3:.0%} です。不良品を確認し、良品なら {4} に戻してください。</translation>
    </message>
    <message>
        <source>the new model&apos;s first {} parts look as calibrated</source>
        <translation>新しいモデルの最初の {} 個は校正どおりです</translation>
    </message>
    <message>
        <source>rolling back to {}...</source>
        <translation>{} に戻しています...</translation>
    </message>
    <message>
        <source>threshold {}  ({:.2f} x calibrated)</source>
        <translation>しきい値 {}（校正値の {:.2f} 倍）</translation>
    </message>
    <message>
        <source>Threshold {:.2f} x calibrated: defects may pass</source>
        <translation>しきい値が校正値の {:.2f} 倍: 不良を見逃すおそれ</translation>
    </message>
    <message>
        <source>Threshold {:.2f} x calibrated: more false alarms</source>
        <translation>しきい値が校正値の {:.2f} 倍: 誤報が増えます</translation>
    </message>
    <message>
        <source>LOCKED</source>
        <translation>ロック中</translation>
    </message>
    <message>
        <source>unlocked</source>
        <translation>ロック解除中</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Stop inspecting the line and close Cookie Inspector?</source>
        <translation>ラインの検査を止めて Cookie Inspector を閉じますか?</translation>
    </message>
    <message>
        <source>running</source>
        <translation>稼働中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>一時停止中</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <source>Models</source>
        <translation>モデル一覧</translation>
    </message>
    <message>
        <source>model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>created</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <source>network</source>
        <translation>ネットワーク</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>サンプル数</translation>
    </message>
    <message>
        <source>check</source>
        <translation>検証</translation>
    </message>
    <message>
        <source>false alarms</source>
        <translation>誤報率</translation>
    </message>
    <message>
        <source>active</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>test defects caught</source>
        <translation>テスト不良の検出</translation>
    </message>
    <message>
        <source>product</source>
        <translation>製品</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>このモデルを使う</translation>
    </message>
    <message>
        <source>Inspect with this model from now on (roll back to an earlier one)</source>
        <translation>今からこのモデルで検査します（以前のモデルに戻すときも）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove this model (not the active one, not the shipped one)</source>
        <translation>このモデルを削除します（使用中・出荷時のモデルは不可）</translation>
    </message>
    <message>
        <source>Locked by the engineer: view only</source>
        <translation>技術者ロック中: 閲覧のみ</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>名前なし</translation>
    </message>
    <message>
        <source>shipped model</source>
        <translation>出荷時モデル</translation>
    </message>
    <message>
        <source>shipped</source>
        <translation>出荷時</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>未検証</translation>
    </message>
    <message>
        <source>demo cookies</source>
        <translation>デモのクッキー</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>●</translation>
    </message>
    <message>
        <source>loading...</source>
        <translation>読込中...</translation>
    </message>
    <message>
        <source>Activate a model that failed its check?</source>
        <translation>検証不合格のモデルを使いますか？</translation>
    </message>
    <message>
        <source>{} failed its check before activation:

{}

It will probably raise false alarms. Activate it anyway?</source>
        <translation>{} は採用前の検証で不合格でした:

{}

誤報が出るおそれがあります。それでも使いますか？</translation>
    </message>
    <message>
        <source>no reason recorded</source>
        <translation>理由の記録なし</translation>
    </message>
    <message>
        <source>Not activated</source>
        <translation>切り替えできません</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>モデルの削除</translation>
    </message>
    <message>
        <source>Delete {}?</source>
        <translation>{} を削除しますか？</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>削除できません</translation>
    </message>
</context>
<context>
    <name>NewProductDialog</name>
    <message>
        <source>New product</source>
        <translation>新しい製品</translation>
    </message>
    <message>
        <source>for example: tile 40 x 40</source>
        <translation>例: タイル 40 x 40</translation>
    </message>
    <message>
        <source>Its parts on the line&apos;s source ({})</source>
        <translation>ラインのソースに流れる部品 ({})</translation>
    </message>
    <message>
        <source>A folder of its good photos, imported as its first samples:</source>
        <translation>良品写真のフォルダ (最初のサンプルとして取り込みます):</translation>
    </message>
    <message>
        <source>no folder chosen</source>
        <translation>フォルダが選ばれていません</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>選ぶ...</translation>
    </message>
    <message>
        <source>Around the product, found on each picture</source>
        <translation>製品のまわり (写真ごとに製品を見つけます)</translation>
    </message>
    <message>
        <source>The whole picture</source>
        <translation>写真全体</translation>
    </message>
    <message>
        <source>1. The new product&apos;s name (the window, the log and the report name it):</source>
        <translation>1. 新しい製品の名前 (ウィンドウ、記録、レポートに表示されます):</translation>
    </message>
    <message>
        <source>2. Where do its pictures come from?</source>
        <translation>2. 写真はどこから来ますか?</translation>
    </message>
    <message>
        <source>3. Where on the picture is the product?</source>
        <translation>3. 写真のどこに製品がありますか?</translation>
    </message>
    <message>
        <source>The new product&apos;s good photos</source>
        <translation>新しい製品の良品写真</translation>
    </message>
    <message>
        <source> ({} x {} pixels)</source>
        <translation>（{} x {} ピクセル）</translation>
    </message>
    <message>
        <source>No product stands out from a plain background on this picture</source>
        <translation>この写真では無地の背景から浮かび上がる製品が見つかりません</translation>
    </message>
    <message>
        <source>no photo of this folder could be read</source>
        <translation>このフォルダの写真を読み込めませんでした</translation>
    </message>
    <message>
        <source>choose the folder of good photos</source>
        <translation>良品写真のフォルダを選んでください</translation>
    </message>
    <message>
        <source>no picture from the source yet: the region drawn now is kept, and can be drawn on the live view later</source>
        <translation>ソースからの画像がまだありません: いま描かれている領域を使います。あとでライブ画面で描き直せます</translation>
    </message>
    <message>
        <source>The region drawn now</source>
        <translation>いま描かれている検査領域</translation>
    </message>
    <message>
        <source>The largest square in the middle</source>
        <translation>中央の最大の正方形</translation>
    </message>
    <message>
        <source>The product stands out from a plain background (a light table, a tray, a belt): it is found on each picture wherever it lies, and the model sees it with some room around it, not the background; samples and imported photos are framed the same way</source>
        <translation>製品が無地の背景（ライトテーブル、トレイ、ベルト）から浮き出ています。製品はどこに置かれても画像ごとに検出され、モデルは背景ではなく、少し余裕を持たせた製品の周りを見ます。サンプルと取り込んだ写真も同じように切り出されます</translation>
    </message>
    <message>
        <source>The yellow box on the picture is the region: drag it or its corners at any time. The samples are what is inside it.</source>
        <translation>画像上の黄色い枠が検査領域です。枠や角はいつでもドラッグできます。サンプルは枠の中の画像です。</translation>
    </message>
</context>
<context>
    <name>Outputs</name>
    <message>
        <source>connected</source>
        <translation>接続中</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>接続しています</translation>
    </message>
    <message>
        <source>failing</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>queued {}</source>
        <translation>未送信 {}</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <source>Product</source>
        <translation>製品</translation>
    </message>
    <message>
        <source>product</source>
        <translation>製品</translation>
    </message>
    <message>
        <source>good samples</source>
        <translation>良品サンプル</translation>
    </message>
    <message>
        <source>model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>test defects caught</source>
        <translation>テスト不良の検出</translation>
    </message>
    <message>
        <source>on the line</source>
        <translation>ライン上</translation>
    </message>
    <message>
        <source>none yet (teaching)</source>
        <translation>まだなし (教示中)</translation>
    </message>
    <message>
        <source>shipped model</source>
        <translation>出荷時モデル</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>名前なし</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>●</translation>
    </message>
    <message>
        <source>The product chosen goes on the line with its own good samples, its active model and its region; the others keep theirs. Samples &gt; New product... adds one.</source>
        <translation>選んだ製品が、その良品サンプル・有効なモデル・領域と一緒にラインに入ります。ほかの製品はそれぞれのものを保ちます。製品の追加は サンプル &gt; 新しい製品... から。</translation>
    </message>
    <message>
        <source>Put on the line</source>
        <translation>ラインに入れる</translation>
    </message>
</context>
<context>
    <name>RatesPanel</name>
    <message>
        <source>score / threshold</source>
        <translation>スコア / しきい値</translation>
    </message>
    <message>
        <source>good</source>
        <translation>良品</translation>
    </message>
    <message>
        <source>defect</source>
        <translation>不良</translation>
    </message>
    <message>
        <source>Each dot is a labelled part at its score. Drag the blue line to see what another threshold would have done to these parts.</source>
        <translation>各点はラベル付きの部品のスコアです。青い線をドラッグすると、別のしきい値ならこれらの部品がどう判定されたかを確認できます。</translation>
    </message>
    <message>
        <source>Set the threshold here</source>
        <translation>ここをしきい値にする</translation>
    </message>
    <message>
        <source>The line&apos;s threshold becomes the blue line&apos;s (engineer lock)</source>
        <translation>ラインのしきい値を青い線の位置にします（エンジニアロック）</translation>
    </message>
    <message>
        <source>Drag the blue line to try another threshold.</source>
        <translation>青い線をドラッグして別のしきい値を試せます。</translation>
    </message>
    <message>
        <source>At {:.2f} x the threshold: {} false alarm(s) of {} good, {} miss(es) of {} defective</source>
        <translation>しきい値の {0:.2f} 倍では: 良品 {2} 個中 誤報 {1} 個、不良 {4} 個中 見逃し {3} 個</translation>
    </message>
    <message>
        <source>No part of this period is labelled yet: label parts (D, G, U) to measure the line.</source>
        <translation>この期間の部品にはまだラベルがありません。部品にラベルを付けると (D, G, U) ラインを測定できます。</translation>
    </message>
    <message>
        <source>false alarms</source>
        <translation>誤報</translation>
    </message>
    <message>
        <source>misses</source>
        <translation>見逃し</translation>
    </message>
    <message>
        <source>{}: no labelled part to count them on</source>
        <translation>{}: 数えるためのラベル付き部品がありません</translation>
    </message>
    <message>
        <source>{}: &lt;b&gt;{} of {}&lt;/b&gt; ({:.0%}; 95% between {:.0%} and {:.0%})</source>
        <translation>{}: &lt;b&gt;{} / {}&lt;/b&gt;（{:.0%}、95% 区間 {:.0%}〜{:.0%}）</translation>
    </message>
    <message>
        <source>&lt;i&gt;(few labels: a rough figure)&lt;/i&gt;</source>
        <translation>&lt;i&gt;（ラベルが少ないため概算）&lt;/i&gt;</translation>
    </message>
    <message>
        <source>At the threshold, among {} good and {} defective parts labelled ({} unsure):</source>
        <translation>現在のしきい値で、ラベル付きの良品 {} 個・不良 {} 個（不明 {} 個）のうち:</translation>
    </message>
</context>
<context>
    <name>ReportWriter</name>
    <message>
        <source>run {}</source>
        <translation>実行 {}</translation>
    </message>
    <message>
        <source>from {} to {}</source>
        <translation>{} から {} まで</translation>
    </message>
    <message>
        <source>every part in the log</source>
        <translation>記録されたすべての部品</translation>
    </message>
    <message>
        <source>Every product</source>
        <translation>すべての製品</translation>
    </message>
    <message>
        <source>Product: {}</source>
        <translation>製品: {}</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>名前なし</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>記録なし</translation>
    </message>
    <message>
        <source>model {}: {}</source>
        <translation>モデル {}: {}</translation>
    </message>
    <message numerus="yes">
        <source>%n part(s) of a replay (a folder judged again)</source>
        <translation>
            <numerusform>再判定 (フォルダをもう一度判定) の部品 %n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n part(s) judged while a new product was taught</source>
        <translation>
            <numerusform>新しい製品を教えている間に判定した部品 %n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n part(s) of other stations</source>
        <translation>
            <numerusform>ほかのステーションの部品 %n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n part(s) of other products</source>
        <translation>
            <numerusform>ほかの製品の部品 %n 個</numerusform>
        </translation>
    </message>
    <message>
        <source>Not counted: {}.</source>
        <translation>集計に含めないもの: {}。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>threshold set</source>
        <translation>しきい値の設定</translation>
    </message>
    <message>
        <source>line calibration</source>
        <translation>ラインの校正</translation>
    </message>
    <message>
        <source>source</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>signal lost</source>
        <translation>信号断</translation>
    </message>
    <message>
        <source>signal back</source>
        <translation>信号復帰</translation>
    </message>
    <message>
        <source>defect: {}</source>
        <translation>不良: {}</translation>
    </message>
    <message>
        <source>defect (no type given)</source>
        <translation>不良（種類なし）</translation>
    </message>
    <message>
        <source>labelled good (false alarm)</source>
        <translation>良品とラベル付け（誤報）</translation>
    </message>
    <message>
        <source>unsure</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>not labelled</source>
        <translation>ラベルなし</translation>
    </message>
    <message>
        <source>in the window</source>
        <translation>画面で</translation>
    </message>
    <message>
        <source>over OPC UA</source>
        <translation>OPC UA 経由で</translation>
    </message>
    <message>
        <source>no operator (headless run)</source>
        <translation>オペレーターなし（ヘッドレス実行）</translation>
    </message>
    <message>
        <source>teaching a new product</source>
        <translation>新しい製品を教示中</translation>
    </message>
    <message>
        <source>under an earlier release</source>
        <translation>以前のバージョンで</translation>
    </message>
    <message>
        <source>still pending</source>
        <translation>未確認</translation>
    </message>
    <message>
        <source>Station: {}</source>
        <translation>ステーション: {}</translation>
    </message>
    <message>
        <source>parts from {} to {}</source>
        <translation>部品: {} から {} まで</translation>
    </message>
    <message>
        <source>written {}  data folder {}</source>
        <translation>作成 {}  データフォルダー {}</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>部品</translation>
    </message>
    <message>
        <source>parts</source>
        <translation>部品数</translation>
    </message>
    <message>
        <source>yield</source>
        <translation>良品率</translation>
    </message>
    <message>
        <source>Yield: the parts that passed (OK or WARN) of all parts.</source>
        <translation>良品率: 全部品のうち合格（OK または WARN）した部品の割合。</translation>
    </message>
    <message>
        <source>NG parts by defect type (labels)</source>
        <translation>不良の種類別の NG 部品（ラベル）</translation>
    </message>
    <message>
        <source>No NG parts.</source>
        <translation>NG の部品はありません。</translation>
    </message>
    <message>
        <source>Defective parts that passed (labels)</source>
        <translation>合格になった不良の部品（ラベル）</translation>
    </message>
    <message>
        <source>Bars: the share of NG parts in each hour; under them the hour and its parts.</source>
        <translation>棒: 各時間の NG 部品の割合。下は時刻と部品数。</translation>
    </message>
    <message>
        <source>Score distribution</source>
        <translation>スコアの分布</translation>
    </message>
    <message>
        <source>Parts by score as a multiple of the threshold (log scale); red dashes: the threshold, orange: WARN.</source>
        <translation>しきい値に対する倍率で見た部品のスコア（対数目盛）。赤の破線: しきい値、橙: WARN。</translation>
    </message>
    <message>
        <source>first part</source>
        <translation>最初の部品</translation>
    </message>
    <message>
        <source>last part</source>
        <translation>最後の部品</translation>
    </message>
    <message>
        <source>what it can see</source>
        <translation>見える不良（推定）</translation>
    </message>
    <message>
        <source>time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>what</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>detail</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>who</source>
        <translation>担当</translation>
    </message>
    <message>
        <source>No threshold change was logged in this period.</source>
        <translation>この期間にしきい値の変更は記録されていません。</translation>
    </message>
    <message>
        <source>Time without signal</source>
        <translation>信号のない時間</translation>
    </message>
    <message>
        <source>{:.0f} s without a picture in {} interruption(s)</source>
        <translation>画像のない時間 {:.0f} 秒（中断 {} 回）</translation>
    </message>
    <message>
        <source>Shift report</source>
        <translation>シフトレポート</translation>
    </message>
    <message>
        <source>not back</source>
        <translation>未復帰</translation>
    </message>
    <message>
        <source>Alarms and their acknowledgements</source>
        <translation>アラームとその確認</translation>
    </message>
    <message>
        <source>No alarms.</source>
        <translation>アラームはありません。</translation>
    </message>
    <message>
        <source>Measured rates (from the labels)</source>
        <translation>測定された率（ラベルから）</translation>
    </message>
    <message>
        <source>Top NG parts</source>
        <translation>スコアの高い NG 部品</translation>
    </message>
    <message>
        <source>part {}</source>
        <translation>部品 No.{}</translation>
    </message>
    <message>
        <source>No NG part with pictures.</source>
        <translation>画像のある NG 部品はありません。</translation>
    </message>
    <message>
        <source>No part of this period is labelled: nothing is measured yet.</source>
        <translation>この期間の部品にはラベルがないため、まだ何も測定されていません。</translation>
    </message>
    <message>
        <source>{} good and {} defective parts labelled ({} unsure).</source>
        <translation>ラベル付き: 良品 {} 個、不良 {} 個（不明 {} 個）。</translation>
    </message>
    <message>
        <source>false alarms</source>
        <translation>誤報</translation>
    </message>
    <message>
        <source>misses</source>
        <translation>見逃し</translation>
    </message>
    <message>
        <source>{}: {} of {} ({:.0%}; 95% between {:.0%} and {:.0%})</source>
        <translation>{}: {} / {}（{:.0%}、95% 区間 {:.0%}〜{:.0%}）</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>Review parts</source>
        <translation>部品の振り返り</translation>
    </message>
    <message>
        <source>D</source>
        <translation>D</translation>
    </message>
    <message>
        <source>G</source>
        <translation>G</translation>
    </message>
    <message>
        <source>U</source>
        <translation>U</translation>
    </message>
    <message>
        <source>Which parts: all, a shift, today, a time range or one run</source>
        <translation>対象の部品: すべて、シフト、今日、期間、または1回の実行</translation>
    </message>
    <message>
        <source>Score as a multiple of the threshold the part was judged at</source>
        <translation>判定時のしきい値に対するスコアの倍率</translation>
    </message>
    <message>
        <source>The parts of one station, or of every station</source>
        <translation>1 つのステーションの部品、またはすべてのステーションの部品</translation>
    </message>
    <message>
        <source>every station</source>
        <translation>すべてのステーション</translation>
    </message>
    <message>
        <source>any label</source>
        <translation>ラベル: すべて</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>ラベルなし</translation>
    </message>
    <message>
        <source>defect</source>
        <translation>不良</translation>
    </message>
    <message>
        <source>good</source>
        <translation>良品</translation>
    </message>
    <message>
        <source>unsure</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>newest first</source>
        <translation>新しい順</translation>
    </message>
    <message>
        <source>oldest first</source>
        <translation>古い順</translation>
    </message>
    <message>
        <source>highest score first</source>
        <translation>スコアの高い順</translation>
    </message>
    <message>
        <source>lowest score first</source>
        <translation>スコアの低い順</translation>
    </message>
    <message>
        <source>with pictures</source>
        <translation>画像あり</translation>
    </message>
    <message>
        <source>Only the parts whose pictures were kept (NG, WARN and a sample of OK)</source>
        <translation>画像が保存された部品のみ（NG、WARN、OKの抜き取り）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <source>Read the log again: the parts the line judged since (F5)</source>
        <translation>記録を読み直します: その後にラインが判定した部品も (F5)</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>ヒートマップ</translation>
    </message>
    <message>
        <source>The inspected region with its heatmap; off: the whole picture with the region drawn on it</source>
        <translation>検査領域とヒートマップ。オフ: 領域を描いた画像全体</translation>
    </message>
    <message>
        <source>&amp;Defect (D)</source>
        <translation>不良 (&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Good (G)</source>
        <translation>良品 (&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Unsure (U)</source>
        <translation>不明 (&amp;U)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>解除</translation>
    </message>
    <message>
        <source>The defect&apos;s type, saved with the label D</source>
        <translation>不良の種類（ラベル D と一緒に保存）</translation>
    </message>
    <message>
        <source>Types...</source>
        <translation>種類...</translation>
    </message>
    <message>
        <source>Edit the list of defect types</source>
        <translation>不良の種類の一覧を編集</translation>
    </message>
    <message>
        <source>Add to good samples</source>
        <translation>良品サンプルに追加</translation>
    </message>
    <message>
        <source>A part labelled good joins the good samples (the next retrain learns it)</source>
        <translation>良品とラベル付けした部品を良品サンプルに加えます（次の再学習で学習）</translation>
    </message>
    <message>
        <source>score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>All parts</source>
        <translation>すべての部品</translation>
    </message>
    <message>
        <source>This shift (last {} hours)</source>
        <translation>このシフト（直近 {} 時間）</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>run {} ({} parts)</source>
        <translation>実行 {}（{} 個）</translation>
    </message>
    <message numerus="yes">
        <source>%n part(s)</source>
        <translation>
            <numerusform>%n 個</numerusform>
        </translation>
    </message>
    <message>
        <source>No part matches.</source>
        <translation>該当する部品はありません。</translation>
    </message>
    <message>
        <source>&lt;b&gt;part {}&lt;/b&gt; of run {}</source>
        <translation>&lt;b&gt;部品 No.{}&lt;/b&gt;（実行 {}）</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:{}&apos;&gt;{}&lt;/b&gt;  score {:.2f} x threshold ({:.5f} of {:.5f})</source>
        <translation>&lt;b style=&apos;color:{}&apos;&gt;{}&lt;/b&gt;  スコア しきい値の {:.2f} 倍（{:.5f} / {:.5f}）</translation>
    </message>
    <message>
        <source>model {}  source {}</source>
        <translation>モデル {}  入力 {}</translation>
    </message>
    <message>
        <source>product {}</source>
        <translation>製品 {}</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>名前なし</translation>
    </message>
    <message>
        <source>photo {}</source>
        <translation>写真 {}</translation>
    </message>
    <message>
        <source>region {}</source>
        <translation>領域 {}</translation>
    </message>
    <message>
        <source>&lt;b&gt;labelled {}{}&lt;/b&gt; by {} at {}</source>
        <translation>&lt;b&gt;ラベル: {}{}&lt;/b&gt;（{}、{}）</translation>
    </message>
    <message>
        <source>a false alarm</source>
        <translation>誤報</translation>
    </message>
    <message>
        <source>no pictures kept of this part</source>
        <translation>この部品の画像は保存されていません</translation>
    </message>
    <message>
        <source>Defect types</source>
        <translation>不良の種類</translation>
    </message>
    <message>
        <source>One defect type per line:</source>
        <translation>1行に1種類:</translation>
    </message>
    <message>
        <source>not added: {}</source>
        <translation>追加されませんでした: {}</translation>
    </message>
    <message>
        <source>part {} added to the good samples as {}</source>
        <translation>部品 No.{} を良品サンプル {} として追加しました</translation>
    </message>
</context>
<context>
    <name>SamplesPanel</name>
    <message>
        <source>Capture mode</source>
        <translation>採取モード</translation>
    </message>
    <message>
        <source>Collect good samples from the line (F6)</source>
        <translation>ラインから良品サンプルを採取します (F6)</translation>
    </message>
    <message>
        <source>Capture sample</source>
        <translation>サンプル採取</translation>
    </message>
    <message>
        <source>Store the region now as a good sample (C)</source>
        <translation>今の検査枠を良品サンプルとして保存します (C)</translation>
    </message>
    <message>
        <source>one per new part</source>
        <translation>ワークごとに 1 枚</translation>
    </message>
    <message>
        <source>In capture mode, store each new part as a good sample</source>
        <translation>採取モード中、新しいワークを 1 枚ずつ良品サンプルとして保存します</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ミリ秒</translation>
    </message>
    <message>
        <source>no timer</source>
        <translation>タイマーなし</translation>
    </message>
    <message>
        <source>In capture mode, also store the region every so many milliseconds (0: off)</source>
        <translation>採取モード中、この間隔でも検査枠を保存します（0: しない）</translation>
    </message>
    <message>
        <source>Capture</source>
        <translation>採取</translation>
    </message>
    <message>
        <source>every</source>
        <translation>間隔</translation>
    </message>
    <message>
        <source>It is good: add it anyway</source>
        <translation>良品なので追加する</translation>
    </message>
    <message>
        <source>Store the part the model flagged as a good sample after all</source>
        <translation>モデルが指摘したワークを、確認のうえ良品サンプルとして保存します</translation>
    </message>
    <message>
        <source>Good samples. Select and press Delete to remove; Ctrl+Z brings them back</source>
        <translation>良品サンプル。選んで Delete キーで削除、Ctrl+Z で元に戻します</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove the selected samples (Delete)</source>
        <translation>選んだサンプルを削除します (Delete)</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>削除を戻す</translation>
    </message>
    <message>
        <source>Bring back the last deleted samples (Ctrl+Z)</source>
        <translation>直前に削除したサンプルを戻します (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Import folder...</source>
        <translation>フォルダ取込...</translation>
    </message>
    <message>
        <source>Add the good images of a folder; unreadable or unfit files are listed</source>
        <translation>フォルダ内の良品画像を取り込みます。読めない・不適な画像は一覧で示します</translation>
    </message>
    <message>
        <source>Good samples</source>
        <translation>良品サンプル</translation>
    </message>
    <message>
        <source>Retrain</source>
        <translation>再学習</translation>
    </message>
    <message>
        <source>Models...</source>
        <translation>モデル一覧...</translation>
    </message>
    <message>
        <source>Every trained model: activate one (roll back) or delete it</source>
        <translation>学習済みの全モデル: 切り替え（元に戻す）・削除</translation>
    </message>
    <message>
        <source>Cancel training</source>
        <translation>学習を中止</translation>
    </message>
    <message>
        <source>Stop the training; the current model stays</source>
        <translation>学習を中止します。今のモデルはそのままです</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>エポック</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>held out</source>
        <translation>検証用</translation>
    </message>
    <message>
        <source>Use it anyway</source>
        <translation>承知のうえで使う</translation>
    </message>
    <message>
        <source>Inspect with the new model although it may miss small defects of this product (the engineer lock covers this)</source>
        <translation>この製品の小さな不良を見逃すおそれがあっても新しいモデルで検査します（技術者ロックの対象）</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Delete them and retrain</source>
        <translation>削除して再学習</translation>
    </message>
    <message>
        <source>Keep them</source>
        <translation>残す</translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable file(s) in the samples folder are ignored: {}</source>
        <translation>
            <numerusform>サンプルフォルダの読めないファイル %n 個は無視します: {}</numerusform>
        </translation>
    </message>
    <message>
        <source>capture mode: show good parts to the camera</source>
        <translation>採取モード: 良品をカメラに見せてください</translation>
    </message>
    <message>
        <source>stored {}</source>
        <translation>{} を保存しました</translation>
    </message>
    <message>
        <source>not stored: {}</source>
        <translation>保存しませんでした: {}</translation>
    </message>
    <message numerus="yes">
        <source>this exposure is the product&apos;s look now; %n refused capture(s) stored</source>
        <translation>
            <numerusform>この露出を製品の見た目とします。拒否された撮影 %n 枚を保存しました</numerusform>
        </translation>
    </message>
    <message>
        <source>The last {} captures were all refused as over- or under-exposed (the last: {}).

Is that how this product looks, on a light table or a dark background? Then store them anyway; captures exposed like these are no longer refused for this product&apos;s samples (blur and duplicates still are).</source>
        <translation>直近の {} 回の撮影はすべて露出オーバーまたは露出不足として拒否されました (最後: {})。

これはライトテーブルや暗い背景の上でのこの製品の見た目ですか? それならそのまま保存します。この製品のサンプルでは、このような露出の撮影はもう拒否されません (ぼけと重複は引き続き確認します)。</translation>
    </message>
    <message>
        <source>not stored: {}. Add it only if it is a good part.</source>
        <translation>保存しませんでした: {}。良品と確認できた場合のみ追加してください。</translation>
    </message>
    <message numerus="yes">
        <source>%n good sample(s): {} more needed before training</source>
        <translation>
            <numerusform>良品サンプル %n 枚: 学習まであと {} 枚必要です</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n good sample(s): enough to train</source>
        <translation>
            <numerusform>良品サンプル %n 枚: 学習できます</numerusform>
        </translation>
    </message>
    <message>
        <source>Samples not deleted</source>
        <translation>サンプルを削除できません</translation>
    </message>
    <message numerus="yes">
        <source>deleted %n sample(s); Undo brings them back</source>
        <translation>
            <numerusform>サンプル %n 枚を削除しました。「削除を戻す」で元に戻せます</numerusform>
        </translation>
    </message>
    <message>
        <source>Samples not restored</source>
        <translation>サンプルを戻せません</translation>
    </message>
    <message numerus="yes">
        <source>restored %n sample(s)</source>
        <translation>
            <numerusform>サンプル %n 枚を戻しました</numerusform>
        </translation>
    </message>
    <message>
        <source>Import good samples from a folder</source>
        <translation>フォルダから良品サンプルを取り込む</translation>
    </message>
    <message>
        <source>importing {}...</source>
        <translation>{} を取り込んでいます...</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>取り込みに失敗しました</translation>
    </message>
    <message numerus="yes">
        <source>imported %n sample(s) from {}</source>
        <translation>
            <numerusform>{} からサンプル %n 枚を取り込みました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n photo(s) of another size kept whole (the region is drawn on pictures of another shape)</source>
        <translation>
            <numerusform>、大きさの違う写真 %n 枚は全体のまま (領域は別の形の写真に描かれています)</numerusform>
        </translation>
    </message>
    <message>
        <source>{} of {} photos look under-exposed (for example {}: {}).

Is that how this product or a variant of it looks (a dark-coloured one, on a dark background)? Then import them anyway; photos this dark are no longer refused for this product&apos;s samples (too bright ones, blur and duplicates still are).</source>
        <translation>{} 枚の写真 ({} 枚中) が露出不足に見えます (例: {}: {})。

これはこの製品か、その一種 (暗い色のもの、暗い背景の上) の見た目ですか? それならそのまま取り込みます。この製品のサンプルでは、この暗さの写真はもう拒否されません (明るすぎる写真、ぼけ、重複は引き続き確認します)。</translation>
    </message>
    <message>
        <source>{} of {} photos look over-exposed (for example {}: {}).

Is that how this product or a variant of it looks (a light-coloured one, on a light table)? Then import them anyway; photos this bright are no longer refused for this product&apos;s samples (too dark ones, blur and duplicates still are).</source>
        <translation>{} 枚の写真 ({} 枚中) が露出オーバーに見えます (例: {}: {})。

これはこの製品か、その一種 (明るい色のもの、ライトテーブルの上) の見た目ですか? それならそのまま取り込みます。この製品のサンプルでは、この明るさの写真はもう拒否されません (暗すぎる写真、ぼけ、重複は引き続き確認します)。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>取り込み</translation>
    </message>
    <message numerus="yes">
        <source>, %n skipped</source>
        <translation>
            <numerusform>、%n 件除外</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped:</source>
        <translation>
            <numerusform>%n 件を取り込みませんでした:</numerusform>
        </translation>
    </message>
    <message>
        <source>starting the trainer...</source>
        <translation>学習を開始しています...</translation>
    </message>
    <message>
        <source>training on {} samples, each also scored by a model fitted without it to calibrate</source>
        <translation>{} 枚のサンプルで学習中（校正のため、各サンプルをそれを除いて学習したモデルでも採点）</translation>
    </message>
    <message>
        <source>training on {} samples, {} held out to calibrate</source>
        <translation>サンプル {} 枚で学習、{} 枚を校正用に確保</translation>
    </message>
    <message>
        <source>preparing the model for the line (LiteRT)</source>
        <translation>ライン用にモデルを準備しています（LiteRT）</translation>
    </message>
    <message>
        <source>making {} test defects from the samples</source>
        <translation>サンプルからテスト不良を {} 個作成中</translation>
    </message>
    <message>
        <source>chose {}; fitting it on every sample</source>
        <translation>{} を選択しました。全サンプルで学習中</translation>
    </message>
    <message>
        <source>judging the candidate models: fold {} of {}</source>
        <translation>候補モデルを評価中: 分割 {} / {}</translation>
    </message>
    <message>
        <source>reading the test images ({} of {})</source>
        <translation>テスト画像を読み込み中（{} / {}）</translation>
    </message>
    <message>
        <source>reading the features of sample {} of {}</source>
        <translation>サンプルの特徴を読み取り中 {} / {}</translation>
    </message>
    <message>
        <source>a Gaussian per position</source>
        <translation>位置ごとのガウス分布</translation>
    </message>
    <message>
        <source>a memory of good patches</source>
        <translation>良品パッチのメモリ</translation>
    </message>
    <message>
        <source>fitting the model ({})</source>
        <translation>モデルを当てはめ中（{}）</translation>
    </message>
    <message>
        <source>epoch {} of {}, {} left</source>
        <translation>エポック {} / {}、残り {}</translation>
    </message>
    <message>
        <source>epoch {} of {}</source>
        <translation>エポック {} / {}</translation>
    </message>
    <message>
        <source>{:.2f} x threshold</source>
        <translation>しきい値の {:.2f} 倍</translation>
    </message>
    <message numerus="yes">
        <source>The new model alarmed on %n held-out good sample(s). Are they really good? Delete them and retrain, or keep them.</source>
        <translation>
            <numerusform>新しいモデルは検証用の良品 %n 枚で誤報しました。本当に良品ですか？ 削除して再学習するか、残してください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The training left out %n sample(s) unlike all the others: a defect among the good samples? Delete them, or keep them.</source>
        <translation>
            <numerusform>学習では、他と大きく異なるサンプル %n 枚を除外しました。良品サンプルに不良が混じっていませんか？ 削除するか、残してください。</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete them</source>
        <translation>削除する</translation>
    </message>
    <message>
        <source>Not activated</source>
        <translation>切り替えできません</translation>
    </message>
    <message>
        <source>active model: {}</source>
        <translation>使用中のモデル: {}</translation>
    </message>
    <message>
        <source>Every model (locked: view only)</source>
        <translation>全モデル（ロック中: 閲覧のみ）</translation>
    </message>
    <message>
        <source>Every model, the shipped one included: activate one (roll back) or delete it</source>
        <translation>出荷時モデルを含む全モデル: 切り替え（元に戻す）・削除</translation>
    </message>
</context>
<context>
    <name>ScorePlot</name>
    <message>
        <source>Anomaly score of the inspected frames over the last minute, in units of the threshold (1.0 = alarm). Gaps: no part in the region. Red dots: NG parts.</source>
        <translation>直近 1 分間の異常スコア（しきい値 = 1.0 でアラーム）。途切れ: 検査枠にワークなし。赤い点: 不良品。</translation>
    </message>
    <message>
        <source>score / threshold</source>
        <translation>スコア / しきい値</translation>
    </message>
    <message>
        <source>seconds ago</source>
        <translation>秒前</translation>
    </message>
</context>
<context>
    <name>StationTile</name>
    <message>
        <source>Click to watch this station large</source>
        <translation>クリックするとこのステーションを大きく表示します</translation>
    </message>
    <message numerus="yes">
        <source>%n part(s), {} NG</source>
        <translation>
            <numerusform>%n 個、NG {} 個</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StationsDialog</name>
    <message>
        <source>Stations</source>
        <translation>ステーション</translation>
    </message>
    <message>
        <source>station</source>
        <translation>ステーション</translation>
    </message>
    <message>
        <source>source</source>
        <translation>ソース</translation>
    </message>
    <message>
        <source>product</source>
        <translation>製品</translation>
    </message>
    <message>
        <source>Add...</source>
        <translation>追加...</translation>
    </message>
    <message>
        <source>Rename...</source>
        <translation>名前の変更...</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上へ</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下へ</translation>
    </message>
    <message>
        <source>Each station is a camera (or a folder) with its own product, region, part numbers and calibration. Click a station&apos;s picture to watch it large: capture, retrain and the menus act on that one.</source>
        <translation>ステーションは 1 台のカメラ (またはフォルダー) で、それぞれに製品、検査領域、部品番号、較正があります。ステーションの映像をクリックすると大きく表示され、撮影・再学習・メニューはそのステーションに働きます。</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(名前なし)</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>名前なし</translation>
    </message>
    <message>
        <source>A station needs a source.</source>
        <translation>ステーションにはソースが必要です。</translation>
    </message>
    <message>
        <source>Rename station</source>
        <translation>ステーションの名前の変更</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名前:</translation>
    </message>
    <message>
        <source>Stop watching station {} and take it off the window? Its parts stay in the log.</source>
        <translation>ステーション {} の監視をやめてウィンドウから外しますか? その部品の記録はログに残ります。</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <source>OK</source>
        <translation>良品</translation>
    </message>
    <message>
        <source>WARN</source>
        <translation>要確認</translation>
    </message>
    <message>
        <source>NG</source>
        <translation>不良</translation>
    </message>
    <message>
        <source>NO PART</source>
        <translation>ワークなし</translation>
    </message>
    <message>
        <source>NO SIGNAL</source>
        <translation>映像なし</translation>
    </message>
    <message>
        <source>LOADING</source>
        <translation>モデル読込中</translation>
    </message>
    <message>
        <source>NO MODEL</source>
        <translation>モデルなし</translation>
    </message>
    <message>
        <source>PAUSED</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>FINISHED</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>TEACHING</source>
        <translation>教示中</translation>
    </message>
</context>
<context>
    <name>VerdictPanel</name>
    <message>
        <source>The state of the part under the camera now</source>
        <translation>いまカメラの下にあるワークの状態</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>戻す</translation>
    </message>
    <message>
        <source>Back to the model&apos;s calibrated threshold</source>
        <translation>モデルの校正しきい値に戻します</translation>
    </message>
    <message>
        <source>parts</source>
        <translation>検査数</translation>
    </message>
    <message>
        <source>NG</source>
        <translation>不良</translation>
    </message>
    <message>
        <source>NG rate</source>
        <translation>不良率</translation>
    </message>
    <message>
        <source>The NG parts not yet acknowledged, newest first</source>
        <translation>未確認の不良品（新しい順）</translation>
    </message>
    <message>
        <source>Acknowledge alarm</source>
        <translation>アラーム確認</translation>
    </message>
    <message>
        <source>Clear the alarm once the NG parts are off the line (Ctrl+K)</source>
        <translation>不良品をラインから取り除いたらアラームを解除します (Ctrl+K)</translation>
    </message>
    <message>
        <source>Not a defect</source>
        <translation>不良ではない</translation>
    </message>
    <message>
        <source>The newest NG part was good: store it as a good sample for the next retrain</source>
        <translation>直前の不良品は良品だった: 次の再学習用に良品サンプルとして保存します</translation>
    </message>
    <message>
        <source>New product...</source>
        <translation>新しい製品...</translation>
    </message>
    <message>
        <source>Teach the product on the line: its own samples and model</source>
        <translation>ライン上の製品を教示します：専用のサンプルとモデル</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>元のモデルに戻す</translation>
    </message>
    <message>
        <source>Inspect with the previous model again</source>
        <translation>前のモデルで検査に戻ります</translation>
    </message>
    <message>
        <source>Keep this model</source>
        <translation>このモデルを使い続ける</translation>
    </message>
    <message>
        <source>Threshold as calibrated</source>
        <translation>しきい値は校正どおり</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;camera...</source>
        <translation>カメラを開く(&amp;C)...</translation>
    </message>
    <message>
        <source>Watch a USB camera by index</source>
        <translation>USB カメラを番号で選んで映します</translation>
    </message>
    <message>
        <source>Open &amp;video file...</source>
        <translation>動画ファイルを開く(&amp;V)...</translation>
    </message>
    <message>
        <source>Play a recorded video as the line</source>
        <translation>録画した動画をラインとして再生します</translation>
    </message>
    <message>
        <source>Open &amp;stream...</source>
        <translation>ストリームを開く(&amp;S)...</translation>
    </message>
    <message>
        <source>Watch an RTSP or HTTP stream</source>
        <translation>RTSP / HTTP ストリームを映します</translation>
    </message>
    <message>
        <source>Open image &amp;folder...</source>
        <translation>画像フォルダを開く(&amp;F)...</translation>
    </message>
    <message>
        <source>Inspect the photos of a folder</source>
        <translation>フォルダ内の写真を検査します</translation>
    </message>
    <message>
        <source>&amp;Demo line</source>
        <translation>デモライン(&amp;D)</translation>
    </message>
    <message>
        <source>The demo cookie line</source>
        <translation>デモ用のクッキーライン</translation>
    </message>
    <message>
        <source>&amp;Replay folder...</source>
        <translation>フォルダを再判定(&amp;R)...</translation>
    </message>
    <message>
        <source>Judge every photo of the folder again, those judged before too (the report keeps a replay&apos;s parts apart)</source>
        <translation>フォルダのすべての写真を、判定済みのものも含めてもう一度判定します (レポートでは再判定の部品を分けて扱います)</translation>
    </message>
    <message>
        <source>Open &amp;model...</source>
        <translation>モデルを開く(&amp;M)...</translation>
    </message>
    <message>
        <source>Use another trained model bundle</source>
        <translation>別の学習済みモデルを使います</translation>
    </message>
    <message>
        <source>Shift &amp;report...</source>
        <translation>シフトレポート(&amp;R)...</translation>
    </message>
    <message>
        <source>Write the report of a run, a shift or a day as PDF or HTML, with the parts&apos; CSV</source>
        <translation>実行・シフト・1日のレポートを PDF または HTML で、部品の CSV と一緒に書き出します</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>Stop the line and close</source>
        <translation>ラインを止めて閉じます</translation>
    </message>
    <message>
        <source>&amp;Line</source>
        <translation>ライン(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>一時停止(&amp;P)</translation>
    </message>
    <message>
        <source>Stop and restart the line</source>
        <translation>ラインを停止・再開します</translation>
    </message>
    <message>
        <source>&amp;Acknowledge alarm</source>
        <translation>アラーム確認(&amp;A)</translation>
    </message>
    <message>
        <source>Clear the alarm once the NG parts are dealt with</source>
        <translation>不良品を処置したらアラームを解除します</translation>
    </message>
    <message>
        <source>Last NG part was &amp;good...</source>
        <translation>直前の不良は良品だった(&amp;G)...</translation>
    </message>
    <message>
        <source>Add the last NG part to the good samples (next retrain)</source>
        <translation>直前の不良品を良品サンプルに加えます（次の再学習で反映）</translation>
    </message>
    <message>
        <source>Last part was &amp;defective</source>
        <translation>直前の部品は不良だった(&amp;D)</translation>
    </message>
    <message>
        <source>The last part was defective though it passed: the line&apos;s calibration leaves it out</source>
        <translation>直前の部品は合格しましたが不良でした:ラインの校正から外します</translation>
    </message>
    <message>
        <source>Pro&amp;duct...</source>
        <translation>製品(&amp;D)...</translation>
    </message>
    <message>
        <source>Put another product on the line: its samples, its model and its region together</source>
        <translation>別の製品をラインに入れます: そのサンプル・モデル・領域を一緒に切り替えます</translation>
    </message>
    <message>
        <source>S&amp;tations...</source>
        <translation>ステーション(&amp;T)...</translation>
    </message>
    <message>
        <source>Several cameras on this PC: add, rename, remove and reorder the stations</source>
        <translation>この PC の複数のカメラ: ステーションの追加、名前の変更、削除、並べ替え</translation>
    </message>
    <message>
        <source>&amp;Reset threshold</source>
        <translation>しきい値を戻す(&amp;R)</translation>
    </message>
    <message>
        <source>Back to the model&apos;s calibrated threshold</source>
        <translation>モデルの校正しきい値に戻します</translation>
    </message>
    <message>
        <source>Re&amp;calibrate on the line</source>
        <translation>ラインで校正し直す(&amp;C)</translation>
    </message>
    <message>
        <source>Forget the line&apos;s parts and calibrate the threshold on the next ones (after a change of light, camera or material)</source>
        <translation>これまでの製品を忘れ、次の製品でしきい値を校正し直します（照明・カメラ・材料が変わったとき）</translation>
    </message>
    <message>
        <source>Line cal&amp;ibration...</source>
        <translation>ラインの校正(&amp;I)...</translation>
    </message>
    <message>
        <source>How the threshold follows the line&apos;s own parts</source>
        <translation>しきい値がラインの製品にどう合わせるか</translation>
    </message>
    <message>
        <source>&amp;Folder pace...</source>
        <translation>フォルダの送り速度(&amp;F)...</translation>
    </message>
    <message>
        <source>How fast a folder&apos;s photos come: one every so many milliseconds, or as fast as they are judged</source>
        <translation>フォルダの写真を送る速さ: 指定したミリ秒ごとに 1 枚、または判定が終わり次第</translation>
    </message>
    <message>
        <source>No-signal &amp;alarm...</source>
        <translation>映像なしアラーム(&amp;N)...</translation>
    </message>
    <message>
        <source>Sound the alarm when the camera has sent nothing for some seconds</source>
        <translation>カメラから映像が一定秒数来ないときにアラームを鳴らします</translation>
    </message>
    <message>
        <source>Line &amp;outputs...</source>
        <translation>ライン出力(&amp;O)...</translation>
    </message>
    <message>
        <source>Send every verdict to MQTT, a webhook or an OPC UA server (PLC, SCADA, MES)</source>
        <translation>すべての判定を MQTT・Webhook・OPC UA サーバーに送ります（PLC、SCADA、MES）</translation>
    </message>
    <message>
        <source>Re&amp;view parts...</source>
        <translation>部品の振り返り(&amp;V)...</translation>
    </message>
    <message>
        <source>Look back at the logged parts and label them: defect, good or unsure</source>
        <translation>記録された部品を振り返り、不良・良品・不明のラベルを付けます</translation>
    </message>
    <message>
        <source>Engineer &amp;lock...</source>
        <translation>技術者ロック(&amp;K)...</translation>
    </message>
    <message>
        <source>Lock or unlock the threshold, region, model, retrain and source</source>
        <translation>しきい値・検査枠・モデル・再学習・入力の変更をロック／解除します</translation>
    </message>
    <message>
        <source>&amp;Samples</source>
        <translation>サンプル(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Capture mode</source>
        <translation>採取モード(&amp;C)</translation>
    </message>
    <message>
        <source>Collect good samples from the line</source>
        <translation>ラインから良品サンプルを採取します</translation>
    </message>
    <message>
        <source>Capture &amp;sample</source>
        <translation>サンプルを採取(&amp;S)</translation>
    </message>
    <message>
        <source>Store the region now as a good sample (in capture mode)</source>
        <translation>今の検査枠を良品サンプルとして保存します（採取モード中）</translation>
    </message>
    <message>
        <source>&amp;Import folder...</source>
        <translation>フォルダから取り込む(&amp;I)...</translation>
    </message>
    <message>
        <source>Add the good images of a folder</source>
        <translation>フォルダ内の良品画像を取り込みます</translation>
    </message>
    <message>
        <source>&amp;Undo delete</source>
        <translation>削除を元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>Bring back the last deleted samples</source>
        <translation>直前に削除したサンプルを戻します</translation>
    </message>
    <message>
        <source>&amp;Retrain</source>
        <translation>再学習(&amp;R)</translation>
    </message>
    <message>
        <source>Train a new model on the good samples; the line goes on meanwhile</source>
        <translation>良品サンプルで新しいモデルを学習します。その間も検査は続きます</translation>
    </message>
    <message>
        <source>Cancel &amp;training</source>
        <translation>学習を中止(&amp;T)</translation>
    </message>
    <message>
        <source>Stop the training; the current model stays</source>
        <translation>学習を中止します。今のモデルはそのままです</translation>
    </message>
    <message>
        <source>&amp;Models...</source>
        <translation>モデル一覧(&amp;M)...</translation>
    </message>
    <message>
        <source>Every model, the shipped one included: activate one or delete it</source>
        <translation>出荷時モデルを含む全モデル: 切り替え・削除</translation>
    </message>
    <message>
        <source>&amp;New product...</source>
        <translation>新しい製品(&amp;N)...</translation>
    </message>
    <message>
        <source>Teach the line another product: its own samples, capture without the active model&apos;s verdicts, then Retrain</source>
        <translation>ラインに別の製品を教えます:専用のサンプルを、使用中のモデルの判定に左右されずに採取し、再学習します</translation>
    </message>
    <message>
        <source>&amp;End teaching</source>
        <translation>教示を終了(&amp;E)</translation>
    </message>
    <message>
        <source>The active model knows the product: its NG parts are alarms again</source>
        <translation>使用中のモデルがこの製品を知っています:不良は再びアラームになります</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Heatmap</source>
        <translation>ヒートマップ(&amp;H)</translation>
    </message>
    <message>
        <source>Show or hide the red heatmap</source>
        <translation>赤いヒートマップの表示／非表示</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>全画面(&amp;F)</translation>
    </message>
    <message>
        <source>Full screen on or off</source>
        <translation>全画面表示の切り替え</translation>
    </message>
    <message>
        <source>Reset &amp;region</source>
        <translation>検査枠を戻す(&amp;R)</translation>
    </message>
    <message>
        <source>Back to the largest centred square</source>
        <translation>中央の最大の正方形に戻します</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>システムの設定</translation>
    </message>
    <message>
        <source>The window&apos;s language (applies at the next start)</source>
        <translation>画面の言語（次回起動時に反映）</translation>
    </message>
    <message>
        <source>Folder pace</source>
        <translation>フォルダの送り速度</translation>
    </message>
    <message>
        <source>One photo of a folder every this many milliseconds (0: as fast as they are judged):</source>
        <translation>フォルダの写真を何ミリ秒ごとに 1 枚送るか (0: 判定が終わり次第):</translation>
    </message>
    <message>
        <source>Replay folder</source>
        <translation>フォルダを再判定</translation>
    </message>
    <message>
        <source>Judge every photo of {} again, those judged before too?

The replay is a run of its own; the shift report keeps its parts apart.</source>
        <translation>{} のすべての写真を、判定済みのものも含めてもう一度判定しますか?

再判定は独立した実行として記録され、シフトレポートではその部品を分けて扱います。</translation>
    </message>
    <message>
        <source>replaying {}</source>
        <translation>{} を再判定しています</translation>
    </message>
    <message>
        <source>No-signal alarm</source>
        <translation>映像なしアラーム</translation>
    </message>
    <message>
        <source>Sound the alarm after this many seconds without a picture (0: never):</source>
        <translation>映像が来ない状態がこの秒数続いたらアラームを鳴らします（0: 鳴らさない）:</translation>
    </message>
    <message>
        <source>Set the engineer password (the threshold, region, model, retrain and source are locked with it):</source>
        <translation>技術者パスワードを設定してください（しきい値・検査枠・モデル・再学習・入力がロックされます）:</translation>
    </message>
    <message>
        <source>Engineer lock</source>
        <translation>技術者ロック</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>パスワード:</translation>
    </message>
    <message>
        <source>Wrong password; still locked.</source>
        <translation>パスワードが違います。ロックされたままです。</translation>
    </message>
    <message>
        <source>unlocked for {:g} minutes</source>
        <translation>{:g} 分間ロックを解除しました</translation>
    </message>
    <message>
        <source>Lock now</source>
        <translation>すぐにロックする</translation>
    </message>
    <message>
        <source>Change the password</source>
        <translation>パスワードを変更する</translation>
    </message>
    <message>
        <source>Relock after... minutes</source>
        <translation>再ロックまでの分数...</translation>
    </message>
    <message>
        <source>Remove the lock</source>
        <translation>ロックをなくす</translation>
    </message>
    <message>
        <source>Unlocked:</source>
        <translation>ロック解除中:</translation>
    </message>
    <message>
        <source>New engineer password:</source>
        <translation>新しい技術者パスワード:</translation>
    </message>
    <message>
        <source>Lock again after (minutes):</source>
        <translation>再ロックまでの時間（分）:</translation>
    </message>
    <message>
        <source>The same password again:</source>
        <translation>確認のため、もう一度入力してください:</translation>
    </message>
    <message>
        <source>The two passwords differ; nothing changed.</source>
        <translation>2 回の入力が一致しません。変更していません。</translation>
    </message>
    <message>
        <source>At least 4 characters, please.</source>
        <translation>4 文字以上にしてください。</translation>
    </message>
    <message>
        <source>engineer lock set: the settings are locked</source>
        <translation>技術者ロックを設定しました。設定はロックされています</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>The window speaks the new language from the next start. Restart now?</source>
        <translation>次回の起動から新しい言語で表示します。今すぐ再起動しますか？</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>名前なし</translation>
    </message>
    <message>
        <source>This run of {}</source>
        <translation>{} のこの実行</translation>
    </message>
    <message>
        <source>This shift of {} (last {} hours)</source>
        <translation>{} のこのシフト (直近 {} 時間)</translation>
    </message>
    <message>
        <source>{} today</source>
        <translation>{} の今日の部品</translation>
    </message>
    <message>
        <source>Every part in the log, every product</source>
        <translation>記録のすべての部品 (すべての製品)</translation>
    </message>
    <message>
        <source>Shift report</source>
        <translation>シフトレポート</translation>
    </message>
    <message>
        <source>Which parts:</source>
        <translation>対象の部品:</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;HTML (*.html)</source>
        <translation>PDF (*.pdf);;HTML (*.html)</translation>
    </message>
    <message>
        <source>The report was not written:

{}</source>
        <translation>レポートを書き出せませんでした:

{}</translation>
    </message>
    <message>
        <source>report written: {} (and {})</source>
        <translation>レポートを書き出しました: {}（と {}）</translation>
    </message>
    <message>
        <source>camera {}</source>
        <translation>カメラ {}</translation>
    </message>
    <message>
        <source>Open camera</source>
        <translation>カメラを開く</translation>
    </message>
    <message>
        <source>Cameras that deliver pictures:</source>
        <translation>映像が来ているカメラ:</translation>
    </message>
    <message>
        <source>No camera answered on indices 0-7. Try an index anyway (0 is the first camera):</source>
        <translation>0～7 番のカメラが応答しません。番号を指定して試せます（0 が 1 台目）:</translation>
    </message>
    <message>
        <source>Open video</source>
        <translation>動画を開く</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.avi *.mov *.mkv *.webm)</source>
        <translation>動画 (*.mp4 *.avi *.mov *.mkv *.webm)</translation>
    </message>
    <message>
        <source>Open stream</source>
        <translation>ストリームを開く</translation>
    </message>
    <message>
        <source>Stream URL (rtsp://..., http://...):</source>
        <translation>ストリームの URL (rtsp://..., http://...):</translation>
    </message>
    <message>
        <source>Open image folder</source>
        <translation>画像フォルダを開く</translation>
    </message>
    <message>
        <source>Open model bundle (a folder with model.keras and meta.json)</source>
        <translation>モデルを開く（model.keras と meta.json のあるフォルダ）</translation>
    </message>
    <message>
        <source>loading {}...</source>
        <translation>{} を読み込んでいます...</translation>
    </message>
</context>
<context>
    <name>WindowStatusBar</name>
    <message>
        <source>The median score of the last good parts against the one the model was calibrated with: well above 1, the light, the camera or the product has changed and false alarms will follow</source>
        <translation>直近の良品のスコア中央値と、モデル校正時の中央値との比。1 を大きく超えると、照明・カメラ・製品が変わっており、やがて誤報が出ます</translation>
    </message>
    <message>
        <source>Where the threshold comes from: the samples give it a first value, then the line sets it from the parts it judges (Line &gt; Line calibration...)</source>
        <translation>しきい値の出どころ：初期値はサンプルから、その後はラインが判定した製品から決めます（ライン ＞ ラインの校正...）</translation>
    </message>
    <message>
        <source>run {}</source>
        <translation>実行 {}</translation>
    </message>
    <message>
        <source>Every part of this run is logged with this run id (part numbers start again at 1 in each run)</source>
        <translation>この実行のすべての製品は、この実行 ID 付きで記録されます（製品番号は実行ごとに 1 から始まります）</translation>
    </message>
    <message>
        <source>camera {:.1f} fps  inference {:.1f} fps  latency {:.0f} ms</source>
        <translation>カメラ {:.1f} fps  推論 {:.1f} fps  遅延 {:.0f} ms</translation>
    </message>
    <message>
        <source>NG pictures not saved: disk full</source>
        <translation>不良品の画像を保存できません: ディスクの空き不足</translation>
    </message>
    <message>
        <source>good parts {:.2f} x calibration</source>
        <translation>良品スコア 校正時の {:.2f} 倍</translation>
    </message>
    <message>
        <source>Good parts now score {:.2f} x what the model was calibrated with: has the light, the camera or the product changed? Check the region and the light, or retrain.</source>
        <translation>良品のスコアが校正時の {:.2f} 倍になっています。照明・カメラ・製品が変わっていませんか？ 検査枠と照明を確認するか、再学習してください。</translation>
    </message>
    <message>
        <source>source: {}</source>
        <translation>入力: {}</translation>
    </message>
</context>
</TS>
