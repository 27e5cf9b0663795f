<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>AddStationDialog</name>
        <message>
            <source>Add a station</source>
            <translation>Add a station</translation>
        </message>
        <message>
            <source>station 1</source>
            <translation>station 1</translation>
        </message>
        <message>
            <source>station 2</source>
            <translation>station 2</translation>
        </message>
        <message>
            <source>camera number (0, 1...), a folder, a video, a stream URL, or demo</source>
            <translation>camera number (0, 1...), a folder, a video, a stream URL, or demo</translation>
        </message>
        <message>
            <source>Folder...</source>
            <translation>Folder...</translation>
        </message>
        <message>
            <source>unnamed</source>
            <translation>unnamed</translation>
        </message>
        <message>
            <source>The line has one station: name it, so that the two can be told apart.</source>
            <translation>The line has one station: name it, so that the two can be told apart.</translation>
        </message>
        <message>
            <source>Name of the station in use:</source>
            <translation>Name of the station in use:</translation>
        </message>
        <message>
            <source>Name:</source>
            <translation>Name:</translation>
        </message>
        <message>
            <source>Source:</source>
            <translation>Source:</translation>
        </message>
        <message>
            <source>Product:</source>
            <translation>Product:</translation>
        </message>
        <message>
            <source>A folder of photos for this station</source>
            <translation>A folder of photos for this station</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <source>{}: {}; capture and retrain are off</source>
            <translation>{}: {}; capture and retrain are off</translation>
        </message>
        <message>
            <source>{}: parts will not be logged</source>
            <translation>{}: parts will not be logged</translation>
        </message>
        <message>
            <source>{}; capture and retrain are off</source>
            <translation>{}; capture and retrain are off</translation>
        </message>
        <message>
            <source>line outputs are off: {}</source>
            <translation>line outputs are off: {}</translation>
        </message>
        <message>
            <source>Cookie Inspector</source>
            <translation>Cookie Inspector</translation>
        </message>
    </context>
    <context>
        <name>Calibration</name>
        <message>
            <source>threshold from the samples</source>
            <translation>threshold from the samples</translation>
        </message>
        <message>
            <source>calibrated on the line, {} parts, {}</source>
            <translation>calibrated on the line, {} parts, {}</translation>
        </message>
        <message>
            <source>calibrating on the line: {} of {} parts</source>
            <translation>calibrating on the line: {} of {} parts</translation>
        </message>
        <message>
            <source>(held at the bound: {:.2f} x the samples')</source>
            <translation>(held at the bound: {:.2f} x the samples')</translation>
        </message>
    </context>
    <context>
        <name>CalibrationDialog</name>
        <message>
            <source>Line calibration</source>
            <translation>Line calibration</translation>
        </message>
        <message>
            <source>The samples give the threshold a first value. The line then sets it from the parts it judges (their median and spread); defective parts among them hardly move it. Until the first {} parts only a conservative threshold alarms.</source>
            <translation>The samples give the threshold a first value. The line then sets it from the parts it judges (their median and spread); defective parts among them hardly move it. Until the first {} parts only a conservative threshold alarms.</translation>
        </message>
        <message>
            <source>Calibrate on the line</source>
            <translation>Calibrate on the line</translation>
        </message>
        <message>
            <source> parts</source>
            <translation> parts</translation>
        </message>
        <message>
            <source>The line's threshold stays between the samples' divided and multiplied by this</source>
            <translation>The line's threshold stays between the samples' divided and multiplied by this</translation>
        </message>
        <message>
            <source>Calibrate over</source>
            <translation>Calibrate over</translation>
        </message>
        <message>
            <source>At most x / ÷ the samples' threshold</source>
            <translation>At most x / ÷ the samples' threshold</translation>
        </message>
    </context>
    <context>
        <name>Engine</name>
        <message>
            <source>station {name}: a name of letters, digits, spaces, dots, dashes or underscores (up to 40), starting with a letter or digit</source>
            <translation>station {name}: a name of letters, digits, spaces, dots, dashes or underscores (up to 40), starting with a letter or digit</translation>
        </message>
        <message>
            <source>two stations are named {name}: each needs a name of its own</source>
            <translation>two stations are named {name}: each needs a name of its own</translation>
        </message>
        <message>
            <source>station {name} waits for the model being trained for it: remove it when the training has ended</source>
            <translation>station {name} waits for the model being trained for it: remove it when the training has ended</translation>
        </message>
        <message>
            <source>the last station stays: a line needs one</source>
            <translation>the last station stays: a line needs one</translation>
        </message>
        <message>
            <source>{path}: the stations cannot be remembered: {why}</source>
            <translation>{path}: the stations cannot be remembered: {why}</translation>
        </message>
        <message>
            <source>cannot reach the broker at {where} ({why})</source>
            <translation>cannot reach the broker at {where} ({why})</translation>
        </message>
        <message>
            <source>the broker at {where} refused the connection ({why})</source>
            <translation>the broker at {where} refused the connection ({why})</translation>
        </message>
        <message>
            <source>the broker at {where} did not answer within {s} s</source>
            <translation>the broker at {where} did not answer within {s} s</translation>
        </message>
        <message>
            <source>{where}: the connection was lost</source>
            <translation>{where}: the connection was lost</translation>
        </message>
        <message>
            <source>{where}: no acknowledgement (PUBACK) within {s} s</source>
            <translation>{where}: no acknowledgement (PUBACK) within {s} s</translation>
        </message>
        <message>
            <source>TLS with {where} failed ({why})</source>
            <translation>TLS with {where} failed ({why})</translation>
        </message>
        <message>
            <source>{what}: not a usable CA file ({why})</source>
            <translation>{what}: not a usable CA file ({why})</translation>
        </message>
        <message>
            <source>{where} answered HTTP {code} {reason}</source>
            <translation>{where} answered HTTP {code} {reason}</translation>
        </message>
        <message>
            <source>cannot reach {where} ({why})</source>
            <translation>cannot reach {where} ({why})</translation>
        </message>
        <message>
            <source>cannot listen on {where} ({why})</source>
            <translation>cannot listen on {where} ({why})</translation>
        </message>
        <message>
            <source>the output is closing</source>
            <translation>the output is closing</translation>
        </message>
        <message>
            <source>{what}: an MQTT broker is written mqtt://HOST:PORT[/PREFIX] (or mqtts:// for TLS)</source>
            <translation>{what}: an MQTT broker is written mqtt://HOST:PORT[/PREFIX] (or mqtts:// for TLS)</translation>
        </message>
        <message>
            <source>{what}: the port is not a number from 1 to 65535</source>
            <translation>{what}: the port is not a number from 1 to 65535</translation>
        </message>
        <message>
            <source>{what}: no host (write it as {scheme}://HOST:PORT)</source>
            <translation>{what}: no host (write it as {scheme}://HOST:PORT)</translation>
        </message>
        <message>
            <source>{what}: the topic prefix {prefix} may not contain '+', '#' or empty levels</source>
            <translation>{what}: the topic prefix {prefix} may not contain '+', '#' or empty levels</translation>
        </message>
        <message>
            <source>{what}: a CA file is for a TLS broker: write mqtts://</source>
            <translation>{what}: a CA file is for a TLS broker: write mqtts://</translation>
        </message>
        <message>
            <source>{what}: the CA file does not exist</source>
            <translation>{what}: the CA file does not exist</translation>
        </message>
        <message>
            <source>{what}: an OPC UA endpoint is written opc.tcp://HOST:PORT</source>
            <translation>{what}: an OPC UA endpoint is written opc.tcp://HOST:PORT</translation>
        </message>
        <message>
            <source>an OPC UA user needs a password and a password needs a user ({how})</source>
            <translation>an OPC UA user needs a password and a password needs a user ({how})</translation>
        </message>
        <message>
            <source>{what}: a webhook is an http:// or https:// URL</source>
            <translation>{what}: a webhook is an http:// or https:// URL</translation>
        </message>
        <message>
            <source>the outbox bound must be positive (days and MB)</source>
            <translation>the outbox bound must be positive (days and MB)</translation>
        </message>
        <message>
            <source>the line name {name} cannot be an MQTT topic level (no '/', '+', '#' and not empty)</source>
            <translation>the line name {name} cannot be an MQTT topic level (no '/', '+', '#' and not empty)</translation>
        </message>
        <message>
            <source>MQTT and the webhook send what the inspection log records (their outbox is in it): they cannot run without the log</source>
            <translation>MQTT and the webhook send what the inspection log records (their outbox is in it): they cannot run without the log</translation>
        </message>
        <message>
            <source>{output} outbox: events older than {days} days</source>
            <translation>{output} outbox: events older than {days} days</translation>
        </message>
        <message>
            <source>{output} outbox: the bound of {mb} MB was reached</source>
            <translation>{output} outbox: the bound of {mb} MB was reached</translation>
        </message>
        <message>
            <source>the oldest {n} event(s) were dropped ({first} to {last}, logged in outbox_dropped)</source>
            <translation>the oldest {n} event(s) were dropped ({first} to {last}, logged in outbox_dropped)</translation>
        </message>
        <message>
            <source>{what}: the camera cannot be opened</source>
            <translation>{what}: the camera cannot be opened</translation>
        </message>
        <message>
            <source>{what}: the stream cannot be opened</source>
            <translation>{what}: the stream cannot be opened</translation>
        </message>
        <message>
            <source>{what}: the video cannot be opened</source>
            <translation>{what}: the video cannot be opened</translation>
        </message>
        <message>
            <source>{what}: no such video file</source>
            <translation>{what}: no such video file</translation>
        </message>
        <message>
            <source>{what}: no frame could be decoded</source>
            <translation>{what}: no frame could be decoded</translation>
        </message>
        <message>
            <source>{what}: no picture (disconnected?)</source>
            <translation>{what}: no picture (disconnected?)</translation>
        </message>
        <message>
            <source>{using} threshold {value} ({state}, {parts} of {of} parts)</source>
            <translation>{using} threshold {value} ({state}, {parts} of {of} parts)</translation>
        </message>
        <message>
            <source>there is a product named {name} already: switch to it (Line &gt; Product...)</source>
            <translation>there is a product named {name} already: switch to it (Line &gt; Product...)</translation>
        </message>
        <message>
            <source>no product named {name}</source>
            <translation>no product named {name}</translation>
        </message>
        <message>
            <source>{what}: not a readable list of products ({why})</source>
            <translation>{what}: not a readable list of products ({why})</translation>
        </message>
        <message>
            <source>{what}: cannot write the list of products ({why})</source>
            <translation>{what}: cannot write the list of products ({why})</translation>
        </message>
        <message>
            <source>folder {what}: all {n} photos were judged before (File &gt; Replay folder judges them again)</source>
            <translation>folder {what}: all {n} photos were judged before (File &gt; Replay folder judges them again)</translation>
        </message>
        <message>
            <source>folder {what}: every photo has been judged ({n} of them before this start)</source>
            <translation>folder {what}: every photo has been judged ({n} of them before this start)</translation>
        </message>
        <message>
            <source>folder {what}: waiting for new photos ({n} judged so far)</source>
            <translation>folder {what}: waiting for new photos ({n} judged so far)</translation>
        </message>
        <message>
            <source>folder {what}: every picture has been judged</source>
            <translation>folder {what}: every picture has been judged</translation>
        </message>
        <message>
            <source>{what}: the video has ended</source>
            <translation>{what}: the video has ended</translation>
        </message>
        <message>
            <source>{what}: not there (is the drive or share connected?)</source>
            <translation>{what}: not there (is the drive or share connected?)</translation>
        </message>
        <message>
            <source>{what}: no such folder</source>
            <translation>{what}: no such folder</translation>
        </message>
        <message>
            <source>{what}: no images ({kinds})</source>
            <translation>{what}: no images ({kinds})</translation>
        </message>
        <message>
            <source>{what}: none of the images can be read</source>
            <translation>{what}: none of the images can be read</translation>
        </message>
        <message>
            <source>{what}: no such camera, file, folder or stream</source>
            <translation>{what}: no such camera, file, folder or stream</translation>
        </message>
        <message>
            <source>{what}: the demo line's seed must be a whole number</source>
            <translation>{what}: the demo line's seed must be a whole number</translation>
        </message>
        <message>
            <source>{what}: not open</source>
            <translation>{what}: not open</translation>
        </message>
        <message>
            <source>trying again in {s} s</source>
            <translation>trying again in {s} s</translation>
        </message>
        <message>
            <source>{what}: a grey picture, but the model was trained on colour ones: its verdict is unreliable (train a model on grey samples, or give colour pictures)</source>
            <translation>{what}: a grey picture, but the model was trained on colour ones: its verdict is unreliable (train a model on grey samples, or give colour pictures)</translation>
        </message>
        <message>
            <source>{what}: the region inspected is {w}x{h} pixels, squashed into the model's {s}x{s} square: parts look distorted and may be judged wrongly (make the region closer to square, around the part)</source>
            <translation>{what}: the region inspected is {w}x{h} pixels, squashed into the model's {s}x{s} square: parts look distorted and may be judged wrongly (make the region closer to square, around the part)</translation>
        </message>
        <message>
            <source>{what}: reconnected after {s} s without frames</source>
            <translation>{what}: reconnected after {s} s without frames</translation>
        </message>
        <message>
            <source>reconnected after {s} s without frames</source>
            <translation>reconnected after {s} s without frames</translation>
        </message>
        <message>
            <source>a grey picture, but the model was trained on colour ones: its verdict is unreliable (train a model on grey samples, or give colour pictures)</source>
            <translation>a grey picture, but the model was trained on colour ones: its verdict is unreliable (train a model on grey samples, or give colour pictures)</translation>
        </message>
        <message>
            <source>the region inspected is {w}x{h} pixels, squashed into the model's {s}x{s} square: parts look distorted and may be judged wrongly (make the region closer to square, around the part)</source>
            <translation>the region inspected is {w}x{h} pixels, squashed into the model's {s}x{s} square: parts look distorted and may be judged wrongly (make the region closer to square, around the part)</translation>
        </message>
        <message>
            <source>{what}: the region inspected is {w}x{h} pixels, but the model was trained on pictures shaped {r}:1 (width:height): parts are stretched differently from the samples and good ones may alarm (draw the region in the samples' shape, or retrain on samples of this region)</source>
            <translation>{what}: the region inspected is {w}x{h} pixels, but the model was trained on pictures shaped {r}:1 (width:height): parts are stretched differently from the samples and good ones may alarm (draw the region in the samples' shape, or retrain on samples of this region)</translation>
        </message>
        <message>
            <source>the region inspected is {w}x{h} pixels, but the model was trained on pictures shaped {r}:1 (width:height): parts are stretched differently from the samples and good ones may alarm (draw the region in the samples' shape, or retrain on samples of this region)</source>
            <translation>the region inspected is {w}x{h} pixels, but the model was trained on pictures shaped {r}:1 (width:height): parts are stretched differently from the samples and good ones may alarm (draw the region in the samples' shape, or retrain on samples of this region)</translation>
        </message>
        <message>
            <source>no part in the region</source>
            <translation>no part in the region</translation>
        </message>
        <message>
            <source>the part is not wholly in the region</source>
            <translation>the part is not wholly in the region</translation>
        </message>
        <message>
            <source>the part is moving</source>
            <translation>the part is moving</translation>
        </message>
        <message>
            <source>over-exposed: {share} of the region is blown out, mean level {level} of 255</source>
            <translation>over-exposed: {share} of the region is blown out, mean level {level} of 255</translation>
        </message>
        <message>
            <source>under-exposed: mean level {level} of 255, {share} of the region black</source>
            <translation>under-exposed: mean level {level} of 255, {share} of the region black</translation>
        </message>
        <message>
            <source>blurred: sharpness {sharp}, at least {floor} needed</source>
            <translation>blurred: sharpness {sharp}, at least {floor} needed</translation>
        </message>
        <message>
            <source>a near-duplicate of a stored sample</source>
            <translation>a near-duplicate of a stored sample</translation>
        </message>
        <message>
            <source>no picture from the line yet</source>
            <translation>no picture from the line yet</translation>
        </message>
        <message>
            <source>the part has no region to store</source>
            <translation>the part has no region to store</translation>
        </message>
        <message>
            <source>the model calls this {v} (score {score} x threshold)</source>
            <translation>the model calls this {v} (score {score} x threshold)</translation>
        </message>
        <message>
            <source>part {n}: the model calls it {v} (score {score} x threshold)</source>
            <translation>part {n}: the model calls it {v} (score {score} x threshold)</translation>
        </message>
        <message>
            <source>{what}: only {mb} MB free</source>
            <translation>{what}: only {mb} MB free</translation>
        </message>
        <message>
            <source>NG pictures are not saved below {mb} MB, every part is still logged</source>
            <translation>NG pictures are not saved below {mb} MB, every part is still logged</translation>
        </message>
        <message>
            <source>{what}: cannot save the pictures of {v} part {n} ({os})</source>
            <translation>{what}: cannot save the pictures of {v} part {n} ({os})</translation>
        </message>
        <message>
            <source>every part is still logged</source>
            <translation>every part is still logged</translation>
        </message>
        <message>
            <source>a training is already running</source>
            <translation>a training is already running</translation>
        </message>
        <message>
            <source>this line bundle inspects without TensorFlow, which training needs: train with the full installation, then open the model here (File &gt; Open model)</source>
            <translation>this line bundle inspects without TensorFlow, which training needs: train with the full installation, then open the model here (File &gt; Open model)</translation>
        </message>
        <message>
            <source>{n} more good samples needed ({all} in all)</source>
            <translation>{n} more good samples needed ({all} in all)</translation>
        </message>
        <message>
            <source>train a new model on {n} good samples</source>
            <translation>train a new model on {n} good samples</translation>
        </message>
        <message>
            <source>the line goes on meanwhile</source>
            <translation>the line goes on meanwhile</translation>
        </message>
        <message>
            <source>training cancelled</source>
            <translation>training cancelled</translation>
        </message>
        <message>
            <source>the active model is unchanged</source>
            <translation>the active model is unchanged</translation>
        </message>
        <message>
            <source>the old model stays</source>
            <translation>the old model stays</translation>
        </message>
        <message>
            <source>the new model was not activated: {why}</source>
            <translation>the new model was not activated: {why}</translation>
        </message>
        <message>
            <source>it alarms on {a} of {n} held-out good samples ({rate})</source>
            <translation>it alarms on {a} of {n} held-out good samples ({rate})</translation>
        </message>
        <message>
            <source>at most {rate} is allowed</source>
            <translation>at most {rate} is allowed</translation>
        </message>
        <message>
            <source>new model {name} active after {s} s: {why}</source>
            <translation>new model {name} active after {s} s: {why}</translation>
        </message>
        <message>
            <source>it catches {c} of {n} test defects made from your samples, at 1% false alarms</source>
            <translation>it catches {c} of {n} test defects made from your samples, at 1% false alarms</translation>
        </message>
        <message>
            <source>{c} of the {n} clearly visible ones</source>
            <translation>{c} of the {n} clearly visible ones</translation>
        </message>
        <message>
            <source>the smallest it catches is {px} pixels</source>
            <translation>the smallest it catches is {px} pixels</translation>
        </message>
        <message>
            <source>it may be blind to small defects of this product</source>
            <translation>it may be blind to small defects of this product</translation>
        </message>
        <message>
            <source>more samples or a region closer around the product help</source>
            <translation>more samples or a region closer around the product help</translation>
        </message>
        <message>
            <source>{a} of {n} held-out good samples over the threshold ({rate})</source>
            <translation>{a} of {n} held-out good samples over the threshold ({rate})</translation>
        </message>
        <message>
            <source>it alarms on {a} of {n} good samples scored out of fold ({rate})</source>
            <translation>it alarms on {a} of {n} good samples scored out of fold ({rate})</translation>
        </message>
        <message>
            <source>{a} of {n} good samples scored out of fold over the threshold ({rate})</source>
            <translation>{a} of {n} good samples scored out of fold over the threshold ({rate})</translation>
        </message>
        <message>
            <source>the saved model does not score its samples as it did when trained (off by {off} of its threshold): it is not the model that was calibrated</source>
            <translation>the saved model does not score its samples as it did when trained (off by {off} of its threshold): it is not the model that was calibrated</translation>
        </message>
        <message>
            <source>the training process was stopped or crashed</source>
            <translation>the training process was stopped or crashed</translation>
        </message>
        <message>
            <source>training failed: {why}</source>
            <translation>training failed: {why}</translation>
        </message>
        <message>
            <source>too few training steps for this network: {n} training images x {e} epoch(s) at batch {b} are {s} steps, and the {arch} network needs about {f} before its output follows its input (now it gives every image almost the same picture, {p} of their spread), so it would not see defects</source>
            <translation>too few training steps for this network: {n} training images x {e} epoch(s) at batch {b} are {s} steps, and the {arch} network needs about {f} before its output follows its input (now it gives every image almost the same picture, {p} of their spread), so it would not see defects</translation>
        </message>
        <message>
            <source>nothing was written. Train for --epochs {k} or more, or give more samples</source>
            <translation>nothing was written. Train for --epochs {k} or more, or give more samples</translation>
        </message>
        <message>
            <source>{what}: cannot write the model bundle ({os})</source>
            <translation>{what}: cannot write the model bundle ({os})</translation>
        </message>
        <message>
            <source>no model was written</source>
            <translation>no model was written</translation>
        </message>
        <message>
            <source>the bundle already there is unchanged</source>
            <translation>the bundle already there is unchanged</translation>
        </message>
        <message>
            <source>the trainer could not start ({why})</source>
            <translation>the trainer could not start ({why})</translation>
        </message>
        <message>
            <source>the new model could not be activated: {why}</source>
            <translation>the new model could not be activated: {why}</translation>
        </message>
        <message>
            <source>the check failed: {why}</source>
            <translation>the check failed: {why}</translation>
        </message>
        <message>
            <source>{what}: not a model bundle{rest}</source>
            <translation>{what}: not a model bundle{rest}</translation>
        </message>
        <message>
            <source>{what}: cannot be loaded as a Keras model ({why})</source>
            <translation>{what}: cannot be loaded as a Keras model ({why})</translation>
        </message>
        <message>
            <source>{what}: not valid JSON ({why})</source>
            <translation>{what}: not valid JSON ({why})</translation>
        </message>
        <message>
            <source>{what}: damaged or not a Keras model file</source>
            <translation>{what}: damaged or not a Keras model file</translation>
        </message>
        <message>
            <source>{what}: this model needs TensorFlow, which is not installed here</source>
            <translation>{what}: this model needs TensorFlow, which is not installed here</translation>
        </message>
        <message>
            <source>the line bundle runs models that carry a LiteRT export (cookie-inspector export, run where TensorFlow is installed, adds one)</source>
            <translation>the line bundle runs models that carry a LiteRT export (cookie-inspector export, run where TensorFlow is installed, adds one)</translation>
        </message>
        <message>
            <source>{what}: missing</source>
            <translation>{what}: missing</translation>
        </message>
        <message>
            <source>{what} is not a model bundle</source>
            <translation>{what} is not a model bundle</translation>
        </message>
        <message>
            <source>camera {index}</source>
            <translation>camera {index}</translation>
        </message>
        <message>
            <source>folder {path}</source>
            <translation>folder {path}</translation>
        </message>
        <message>
            <source>demo line (seed {seed}, {size} at {fps} fps)</source>
            <translation>demo line (seed {seed}, {size} at {fps} fps)</translation>
        </message>
        <message>
            <source>line</source>
            <translation>line</translation>
        </message>
        <message>
            <source>conservative</source>
            <translation>conservative</translation>
        </message>
        <message>
            <source>samples</source>
            <translation>samples</translation>
        </message>
        <message>
            <source>off</source>
            <translation>off</translation>
        </message>
        <message>
            <source>calibrating</source>
            <translation>calibrating</translation>
        </message>
        <message>
            <source>calibrated</source>
            <translation>calibrated</translation>
        </message>
        <message>
            <source>; </source>
            <translation>; </translation>
        </message>
    </context>
    <context>
        <name>LineOutputsDialog</name>
        <message>
            <source>Line outputs</source>
            <translation>Line outputs</translation>
        </message>
        <message>
            <source>Every part's verdict can also go to the plant floor. Events wait in an outbox in the data folder until each output has acknowledged them, so a broker or network that is down loses nothing. Leave a field empty to turn that output off.</source>
            <translation>Every part's verdict can also go to the plant floor. Events wait in an outbox in the data folder until each output has acknowledged them, so a broker or network that is down loses nothing. Leave a field empty to turn that output off.</translation>
        </message>
        <message>
            <source>Line name</source>
            <translation>Line name</translation>
        </message>
        <message>
            <source>MQTT</source>
            <translation>MQTT</translation>
        </message>
        <message>
            <source>Broker</source>
            <translation>Broker</translation>
        </message>
        <message>
            <source>User</source>
            <translation>User</translation>
        </message>
        <message>
            <source>optional</source>
            <translation>optional</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Password</translation>
        </message>
        <message>
            <source>not saved; or $COOKIE_INSPECTOR_MQTT_PASSWORD</source>
            <translation>not saved; or $COOKIE_INSPECTOR_MQTT_PASSWORD</translation>
        </message>
        <message>
            <source>CA file (mqtts://)</source>
            <translation>CA file (mqtts://)</translation>
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
            <translation>OPC UA server</translation>
        </message>
        <message>
            <source>Endpoint</source>
            <translation>Endpoint</translation>
        </message>
        <message>
            <source>Acknowledging user</source>
            <translation>Acknowledging user</translation>
        </message>
        <message>
            <source>optional: anyone may acknowledge</source>
            <translation>optional: anyone may acknowledge</translation>
        </message>
        <message>
            <source>not saved; or $COOKIE_INSPECTOR_OPCUA_PASSWORD</source>
            <translation>not saved; or $COOKIE_INSPECTOR_OPCUA_PASSWORD</translation>
        </message>
        <message>
            <source>Outbox</source>
            <translation>Outbox</translation>
        </message>
        <message>
            <source> days</source>
            <translation> days</translation>
        </message>
        <message>
            <source>Keep undelivered events for at most</source>
            <translation>Keep undelivered events for at most</translation>
        </message>
        <message>
            <source>and at most (per output)</source>
            <translation>and at most (per output)</translation>
        </message>
        <message>
            <source>No output is on.</source>
            <translation>No output is on.</translation>
        </message>
    </context>
    <context>
        <name>LiveView</name>
        <message>
            <source>Live camera view. Drag the region to move it, drag a corner to resize it.</source>
            <translation>Live camera view. Drag the region to move it, drag a corner to resize it.</translation>
        </message>
        <message>
            <source>waiting for the first picture...</source>
            <translation>waiting for the first picture...</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Cookie Inspector</source>
            <translation>Cookie Inspector</translation>
        </message>
        <message>
            <source>Heatmap</source>
            <translation>Heatmap</translation>
        </message>
        <message>
            <source>Paint where the part differs from good parts in red (H)</source>
            <translation>Paint where the part differs from good parts in red (H)</translation>
        </message>
        <message>
            <source>Opacity of the heatmap at the threshold</source>
            <translation>Opacity of the heatmap at the threshold</translation>
        </message>
        <message>
            <source>Alarm threshold, relative to the model's calibrated one; applies at once</source>
            <translation>Alarm threshold, relative to the model's calibrated one; applies at once</translation>
        </message>
        <message>
            <source>Inspection</source>
            <translation>Inspection</translation>
        </message>
        <message>
            <source>opacity</source>
            <translation>opacity</translation>
        </message>
        <message>
            <source>Samples and training</source>
            <translation>Samples and training</translation>
        </message>
        <message>
            <source>run {}</source>
            <translation>run {}</translation>
        </message>
        <message numerus="yes">
            <source>%n NG part(s) from before the restart still wait for acknowledgement</source>
            <translation>
                <numerusform>%n NG part from before the restart still wait for acknowledgement</numerusform>
                <numerusform>%n NG parts from before the restart still wait for acknowledgement</numerusform>
            </translation>
        </message>
        <message>
            <source>the line is paused (Space resumes)</source>
            <translation>the line is paused (Space resumes)</translation>
        </message>
        <message>
            <source>no picture from {} for {:.0f} s</source>
            <translation>no picture from {} for {:.0f} s</translation>
        </message>
        <message>
            <source>NO SIGNAL: {}</source>
            <translation>NO SIGNAL: {}</translation>
        </message>
        <message>
            <source>loading the model...</source>
            <translation>loading the model...</translation>
        </message>
        <message>
            <source>no model could be loaded: open one (File &gt; Open model)</source>
            <translation>no model could be loaded: open one (File &gt; Open model)</translation>
        </message>
        <message>
            <source>last: part {} {}</source>
            <translation>last: part {} {}</translation>
        </message>
        <message>
            <source>station {} in focus</source>
            <translation>station {} in focus</translation>
        </message>
        <message>
            <source>the photos of the folder wait for the first model of {}: import good ones (Samples &gt; Import folder...), then Retrain</source>
            <translation>the photos of the folder wait for the first model of {}: import good ones (Samples &gt; Import folder...), then Retrain</translation>
        </message>
        <message>
            <source>part {}: {:.2f} x the threshold of a model for another product</source>
            <translation>part {}: {:.2f} x the threshold of a model for another product</translation>
        </message>
        <message>
            <source>part {}: {:.2f} x threshold</source>
            <translation>part {}: {:.2f} x threshold</translation>
        </message>
        <message>
            <source>part {}: judging...</source>
            <translation>part {}: judging...</translation>
        </message>
        <message>
            <source>NO SIGNAL for {} s: check the camera</source>
            <translation>NO SIGNAL for {} s: check the camera</translation>
        </message>
        <message>
            <source>the line's calibration starts again: a conservative threshold alarms until enough parts are seen</source>
            <translation>the line's calibration starts again: a conservative threshold alarms until enough parts are seen</translation>
        </message>
        <message>
            <source>line outputs: {}</source>
            <translation>line outputs: {}</translation>
        </message>
        <message>
            <source>before the restart (run {})</source>
            <translation>before the restart (run {})</translation>
        </message>
        <message>
            <source>under the camera now</source>
            <translation>under the camera now</translation>
        </message>
        <message>
            <source>just passed</source>
            <translation>just passed</translation>
        </message>
        <message numerus="yes">
            <source>passed %n part(s) ago</source>
            <translation>
                <numerusform>passed %n part ago</numerusform>
                <numerusform>passed %n parts ago</numerusform>
            </translation>
        </message>
        <message>
            <source>part {}  {}
{}  score {:.2f} x threshold</source>
            <translation>part {}  {}
{}  score {:.2f} x threshold</translation>
        </message>
        <message>
            <source>{}: {}</source>
            <translation>{}: {}</translation>
        </message>
        <message numerus="yes">
            <source>NG at {}: take %n part(s) off the line, then acknowledge</source>
            <translation>
                <numerusform>NG at {}: take %n part off the line, then acknowledge</numerusform>
                <numerusform>NG at {}: take %n parts off the line, then acknowledge</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>NG: take %n part(s) off the line, then acknowledge</source>
            <translation>
                <numerusform>NG: take %n part off the line, then acknowledge</numerusform>
                <numerusform>NG: take %n parts off the line, then acknowledge</numerusform>
            </translation>
        </message>
        <message>
            <source>capture: switch capture mode on first (F6)</source>
            <translation>capture: switch capture mode on first (F6)</translation>
        </message>
        <message>
            <source>part {} (score {:.2f} x threshold) left out of the line's calibration</source>
            <translation>part {} (score {:.2f} x threshold) left out of the line's calibration</translation>
        </message>
        <message>
            <source>part {} is not in the line's calibration (it is finished or off): nothing to leave out</source>
            <translation>part {} is not in the line's calibration (it is finished or off): nothing to leave out</translation>
        </message>
        <message>
            <source>False alarm</source>
            <translation>False alarm</translation>
        </message>
        <message>
            <source>Part {} (score {:.2f} x threshold) was a good part?

It is added to the good samples; the next retrain learns it.</source>
            <translation>Part {} (score {:.2f} x threshold) was a good part?

It is added to the good samples; the next retrain learns it.</translation>
        </message>
        <message>
            <source>part {} added to the good samples as {}</source>
            <translation>part {} added to the good samples as {}</translation>
        </message>
        <message>
            <source>teaching {}: importing {}, then Retrain</source>
            <translation>teaching {}: importing {}, then Retrain</translation>
        </message>
        <message>
            <source>teaching {}: capture good parts (F6, C) or import a folder of photos, then Retrain</source>
            <translation>teaching {}: capture good parts (F6, C) or import a folder of photos, then Retrain</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>Product</translation>
        </message>
        <message>
            <source>product on the line: {}</source>
            <translation>product on the line: {}</translation>
        </message>
        <message>
            <source>unnamed</source>
            <translation>unnamed</translation>
        </message>
        <message>
            <source>teaching {}</source>
            <translation>teaching {}</translation>
        </message>
        <message>
            <source>No alarms from the active model while a new product is taught: it knows another product</source>
            <translation>No alarms from the active model while a new product is taught: it knows another product</translation>
        </message>
        <message>
            <source>running: {}</source>
            <translation>running: {}</translation>
        </message>
        <message>
            <source>now inspecting with {}</source>
            <translation>now inspecting with {}</translation>
        </message>
        <message>
            <source>loading...</source>
            <translation>loading...</translation>
        </message>
        <message>
            <source>none</source>
            <translation>none</translation>
        </message>
        <message>
            <source>shipped model</source>
            <translation>shipped model</translation>
        </message>
        <message>
            <source>model: {}</source>
            <translation>model: {}</translation>
        </message>
        <message>
            <source>no model: {}</source>
            <translation>no model: {}</translation>
        </message>
        <message>
            <source>the remembered model could not be loaded ({}); using {}</source>
            <translation>the remembered model could not be loaded ({}); using {}</translation>
        </message>
        <message>
            <source>model not changed: {}</source>
            <translation>model not changed: {}</translation>
        </message>
        <message>
            <source>a part is moving through the region</source>
            <translation>a part is moving through the region</translation>
        </message>
        <message>
            <source>Alarm acknowledged remotely ({}) at {}</source>
            <translation>Alarm acknowledged remotely ({}) at {}</translation>
        </message>
        <message>
            <source>threshold set from the labelled parts: {:.2f} x calibrated</source>
            <translation>threshold set from the labelled parts: {:.2f} x calibrated</translation>
        </message>
        <message>
            <source>part {} left out of the line's calibration</source>
            <translation>part {} left out of the line's calibration</translation>
        </message>
        <message>
            <source>part {} counts as good in the line's calibration</source>
            <translation>part {} counts as good in the line's calibration</translation>
        </message>
        <message>
            <source>New product</source>
            <translation>New product</translation>
        </message>
        <message numerus="yes">
            <source>The %n good sample(s) of the current product are put aside in the data folder's samples/archive (not deleted), so that the new product's model learns the new product alone. Go on?</source>
            <translation>
                <numerusform>The %n good sample of the current product are put aside in the data folder's samples/archive (not deleted), so that the new product's model learns the new product alone. Go on?</numerusform>
                <numerusform>The %n good samples of the current product are put aside in the data folder's samples/archive (not deleted), so that the new product's model learns the new product alone. Go on?</numerusform>
            </translation>
        </message>
        <message>
            <source>previous product</source>
            <translation>previous product</translation>
        </message>
        <message>
            <source>new product</source>
            <translation>new product</translation>
        </message>
        <message>
            <source>; the earlier samples are in {}</source>
            <translation>; the earlier samples are in {}</translation>
        </message>
        <message>
            <source>teaching {}: capture good parts (F6, C), then Retrain{}</source>
            <translation>teaching {}: capture good parts (F6, C), then Retrain{}</translation>
        </message>
        <message>
            <source>{}: the active model's NG parts are alarms again</source>
            <translation>{}: the active model's NG parts are alarms again</translation>
        </message>
        <message>
            <source>{} of the last {} parts are NG: does the active model know another product? Samples &gt; New product... teaches this one</source>
            <translation>{} of the last {} parts are NG: does the active model know another product? Samples &gt; New product... teaches this one</translation>
        </message>
        <message>
            <source>{} of the last {} parts NG: is the active model for another product?</source>
            <translation>{} of the last {} parts NG: is the active model for another product?</translation>
        </message>
        <message>
            <source>unnamed product</source>
            <translation>unnamed product</translation>
        </message>
        <message>
            <source>Cookie Inspector: {} at {}</source>
            <translation>Cookie Inspector: {} at {}</translation>
        </message>
        <message>
            <source>Cookie Inspector: {}</source>
            <translation>Cookie Inspector: {}</translation>
        </message>
        <message>
            <source>Model not loaded</source>
            <translation>Model not loaded</translation>
        </message>
        <message>
            <source>The model could not be loaded; the line keeps the current one.

{}</source>
            <translation>The model could not be loaded; the line keeps the current one.

{}</translation>
        </message>
        <message>
            <source>The line's parts score far above the new model's samples: its threshold is held at the bound, {:.2f} x the samples'. Is the region, the light or the product the same as in the samples? If not, roll back to {}.</source>
            <translation>The line's parts score far above the new model's samples: its threshold is held at the bound, {:.2f} x the samples'. Is the region, the light or the product the same as in the samples? If not, roll back to {}.</translation>
        </message>
        <message>
            <source>The new model alarmed on {} of the first {} parts ({:.0%}); it was calibrated for {:.0%}. Check the NG parts: if they are good, roll back to {}.</source>
            <translation>The new model alarmed on {} of the first {} parts ({:.0%}); it was calibrated for {:.0%}. Check the NG parts: if they are good, roll back to {}.</translation>
        </message>
        <message>
            <source>the new model's first {} parts look as calibrated</source>
            <translation>the new model's first {} parts look as calibrated</translation>
        </message>
        <message>
            <source>rolling back to {}...</source>
            <translation>rolling back to {}...</translation>
        </message>
        <message>
            <source>threshold {}  ({:.2f} x calibrated)</source>
            <translation>threshold {}  ({:.2f} x calibrated)</translation>
        </message>
        <message>
            <source>Threshold {:.2f} x calibrated: defects may pass</source>
            <translation>Threshold {:.2f} x calibrated: defects may pass</translation>
        </message>
        <message>
            <source>Threshold {:.2f} x calibrated: more false alarms</source>
            <translation>Threshold {:.2f} x calibrated: more false alarms</translation>
        </message>
        <message>
            <source>LOCKED</source>
            <translation>LOCKED</translation>
        </message>
        <message>
            <source>unlocked</source>
            <translation>unlocked</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Quit</translation>
        </message>
        <message>
            <source>Stop inspecting the line and close Cookie Inspector?</source>
            <translation>Stop inspecting the line and close Cookie Inspector?</translation>
        </message>
        <message>
            <source>running</source>
            <translation>running</translation>
        </message>
        <message>
            <source>paused</source>
            <translation>paused</translation>
        </message>
    </context>
    <context>
        <name>ModelsDialog</name>
        <message>
            <source>Models</source>
            <translation>Models</translation>
        </message>
        <message>
            <source>model</source>
            <translation>model</translation>
        </message>
        <message>
            <source>created</source>
            <translation>created</translation>
        </message>
        <message>
            <source>network</source>
            <translation>network</translation>
        </message>
        <message>
            <source>samples</source>
            <translation>samples</translation>
        </message>
        <message>
            <source>check</source>
            <translation>check</translation>
        </message>
        <message>
            <source>false alarms</source>
            <translation>false alarms</translation>
        </message>
        <message>
            <source>active</source>
            <translation>active</translation>
        </message>
        <message>
            <source>test defects caught</source>
            <translation>test defects caught</translation>
        </message>
        <message>
            <source>product</source>
            <translation>product</translation>
        </message>
        <message>
            <source>Activate</source>
            <translation>Activate</translation>
        </message>
        <message>
            <source>Inspect with this model from now on (roll back to an earlier one)</source>
            <translation>Inspect with this model from now on (roll back to an earlier one)</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Delete</translation>
        </message>
        <message>
            <source>Remove this model (not the active one, not the shipped one)</source>
            <translation>Remove this model (not the active one, not the shipped one)</translation>
        </message>
        <message>
            <source>Locked by the engineer: view only</source>
            <translation>Locked by the engineer: view only</translation>
        </message>
        <message>
            <source>unnamed</source>
            <translation>unnamed</translation>
        </message>
        <message>
            <source>shipped model</source>
            <translation>shipped model</translation>
        </message>
        <message>
            <source>shipped</source>
            <translation>shipped</translation>
        </message>
        <message>
            <source>passed</source>
            <translation>passed</translation>
        </message>
        <message>
            <source>FAILED</source>
            <translation>FAILED</translation>
        </message>
        <message>
            <source>not checked</source>
            <translation>not checked</translation>
        </message>
        <message>
            <source>demo cookies</source>
            <translation>demo cookies</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>yes</translation>
        </message>
        <message>
            <source>loading...</source>
            <translation>loading...</translation>
        </message>
        <message>
            <source>Activate a model that failed its check?</source>
            <translation>Activate a model that failed its check?</translation>
        </message>
        <message>
            <source>{} failed its check before activation:

{}

It will probably raise false alarms. Activate it anyway?</source>
            <translation>{} failed its check before activation:

{}

It will probably raise false alarms. Activate it anyway?</translation>
        </message>
        <message>
            <source>no reason recorded</source>
            <translation>no reason recorded</translation>
        </message>
        <message>
            <source>Not activated</source>
            <translation>Not activated</translation>
        </message>
        <message>
            <source>Delete model</source>
            <translation>Delete model</translation>
        </message>
        <message>
            <source>Delete {}?</source>
            <translation>Delete {}?</translation>
        </message>
        <message>
            <source>Not deleted</source>
            <translation>Not deleted</translation>
        </message>
    </context>
    <context>
        <name>NewProductDialog</name>
        <message>
            <source>New product</source>
            <translation>New product</translation>
        </message>
        <message>
            <source>for example: tile 40 x 40</source>
            <translation>for example: tile 40 x 40</translation>
        </message>
        <message>
            <source>Its parts on the line's source ({})</source>
            <translation>Its parts on the line's source ({})</translation>
        </message>
        <message>
            <source>A folder of its good photos, imported as its first samples:</source>
            <translation>A folder of its good photos, imported as its first samples:</translation>
        </message>
        <message>
            <source>no folder chosen</source>
            <translation>no folder chosen</translation>
        </message>
        <message>
            <source>Choose...</source>
            <translation>Choose...</translation>
        </message>
        <message>
            <source>Around the product, found on each picture</source>
            <translation>Around the product, found on each picture</translation>
        </message>
        <message>
            <source>The whole picture</source>
            <translation>The whole picture</translation>
        </message>
        <message>
            <source>1. The new product's name (the window, the log and the report name it):</source>
            <translation>1. The new product's name (the window, the log and the report name it):</translation>
        </message>
        <message>
            <source>2. Where do its pictures come from?</source>
            <translation>2. Where do its pictures come from?</translation>
        </message>
        <message>
            <source>3. Where on the picture is the product?</source>
            <translation>3. Where on the picture is the product?</translation>
        </message>
        <message>
            <source>The new product's good photos</source>
            <translation>The new product's good photos</translation>
        </message>
        <message>
            <source> ({} x {} pixels)</source>
            <translation> ({} x {} pixels)</translation>
        </message>
        <message>
            <source>No product stands out from a plain background on this picture</source>
            <translation>No product stands out from a plain background on this picture</translation>
        </message>
        <message>
            <source>no photo of this folder could be read</source>
            <translation>no photo of this folder could be read</translation>
        </message>
        <message>
            <source>choose the folder of good photos</source>
            <translation>choose the folder of good photos</translation>
        </message>
        <message>
            <source>no picture from the source yet: the region drawn now is kept, and can be drawn on the live view later</source>
            <translation>no picture from the source yet: the region drawn now is kept, and can be drawn on the live view later</translation>
        </message>
        <message>
            <source>The region drawn now</source>
            <translation>The region drawn now</translation>
        </message>
        <message>
            <source>The largest square in the middle</source>
            <translation>The largest square in the middle</translation>
        </message>
        <message>
            <source>The product stands out from a plain background (a light table, a tray, a belt): it is found on each picture wherever it lies, and the model sees it with some room around it, not the background; samples and imported photos are framed the same way</source>
            <translation>The product stands out from a plain background (a light table, a tray, a belt): it is found on each picture wherever it lies, and the model sees it with some room around it, not the background; samples and imported photos are framed the same way</translation>
        </message>
        <message>
            <source>The yellow box on the picture is the region: drag it or its corners at any time. The samples are what is inside it.</source>
            <translation>The yellow box on the picture is the region: drag it or its corners at any time. The samples are what is inside it.</translation>
        </message>
    </context>
    <context>
        <name>Outputs</name>
        <message>
            <source>connected</source>
            <translation>connected</translation>
        </message>
        <message>
            <source>ready</source>
            <translation>ready</translation>
        </message>
        <message>
            <source>connecting</source>
            <translation>connecting</translation>
        </message>
        <message>
            <source>failing</source>
            <translation>failing</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>stopped</translation>
        </message>
        <message>
            <source>queued {}</source>
            <translation>queued {}</translation>
        </message>
    </context>
    <context>
        <name>ProductDialog</name>
        <message>
            <source>Product</source>
            <translation>Product</translation>
        </message>
        <message>
            <source>product</source>
            <translation>product</translation>
        </message>
        <message>
            <source>good samples</source>
            <translation>good samples</translation>
        </message>
        <message>
            <source>model</source>
            <translation>model</translation>
        </message>
        <message>
            <source>test defects caught</source>
            <translation>test defects caught</translation>
        </message>
        <message>
            <source>on the line</source>
            <translation>on the line</translation>
        </message>
        <message>
            <source>none yet (teaching)</source>
            <translation>none yet (teaching)</translation>
        </message>
        <message>
            <source>shipped model</source>
            <translation>shipped model</translation>
        </message>
        <message>
            <source>unnamed</source>
            <translation>unnamed</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>yes</translation>
        </message>
        <message>
            <source>The product chosen goes on the line with its own good samples, its active model and its region; the others keep theirs. Samples &gt; New product... adds one.</source>
            <translation>The product chosen goes on the line with its own good samples, its active model and its region; the others keep theirs. Samples &gt; New product... adds one.</translation>
        </message>
        <message>
            <source>Put on the line</source>
            <translation>Put on the line</translation>
        </message>
    </context>
    <context>
        <name>RatesPanel</name>
        <message>
            <source>score / threshold</source>
            <translation>score / threshold</translation>
        </message>
        <message>
            <source>good</source>
            <translation>good</translation>
        </message>
        <message>
            <source>defect</source>
            <translation>defect</translation>
        </message>
        <message>
            <source>Each dot is a labelled part at its score. Drag the blue line to see what another threshold would have done to these parts.</source>
            <translation>Each dot is a labelled part at its score. Drag the blue line to see what another threshold would have done to these parts.</translation>
        </message>
        <message>
            <source>Set the threshold here</source>
            <translation>Set the threshold here</translation>
        </message>
        <message>
            <source>The line's threshold becomes the blue line's (engineer lock)</source>
            <translation>The line's threshold becomes the blue line's (engineer lock)</translation>
        </message>
        <message>
            <source>Drag the blue line to try another threshold.</source>
            <translation>Drag the blue line to try another threshold.</translation>
        </message>
        <message>
            <source>At {:.2f} x the threshold: {} false alarm(s) of {} good, {} miss(es) of {} defective</source>
            <translation>At {:.2f} x the threshold: {} false alarm(s) of {} good, {} miss(es) of {} defective</translation>
        </message>
        <message>
            <source>No part of this period is labelled yet: label parts (D, G, U) to measure the line.</source>
            <translation>No part of this period is labelled yet: label parts (D, G, U) to measure the line.</translation>
        </message>
        <message>
            <source>false alarms</source>
            <translation>false alarms</translation>
        </message>
        <message>
            <source>misses</source>
            <translation>misses</translation>
        </message>
        <message>
            <source>{}: no labelled part to count them on</source>
            <translation>{}: no labelled part to count them on</translation>
        </message>
        <message>
            <source>{}: &lt;b&gt;{} of {}&lt;/b&gt; ({:.0%}; 95% between {:.0%} and {:.0%})</source>
            <translation>{}: &lt;b&gt;{} of {}&lt;/b&gt; ({:.0%}; 95% between {:.0%} and {:.0%})</translation>
        </message>
        <message>
            <source>&lt;i&gt;(few labels: a rough figure)&lt;/i&gt;</source>
            <translation>&lt;i&gt;(few labels: a rough figure)&lt;/i&gt;</translation>
        </message>
        <message>
            <source>At the threshold, among {} good and {} defective parts labelled ({} unsure):</source>
            <translation>At the threshold, among {} good and {} defective parts labelled ({} unsure):</translation>
        </message>
    </context>
    <context>
        <name>ReportWriter</name>
        <message>
            <source>run {}</source>
            <translation>run {}</translation>
        </message>
        <message>
            <source>from {} to {}</source>
            <translation>from {} to {}</translation>
        </message>
        <message>
            <source>every part in the log</source>
            <translation>every part in the log</translation>
        </message>
        <message>
            <source>Every product</source>
            <translation>Every product</translation>
        </message>
        <message>
            <source>Product: {}</source>
            <translation>Product: {}</translation>
        </message>
        <message>
            <source>unnamed</source>
            <translation>unnamed</translation>
        </message>
        <message>
            <source>not recorded</source>
            <translation>not recorded</translation>
        </message>
        <message>
            <source>model {}: {}</source>
            <translation>model {}: {}</translation>
        </message>
        <message numerus="yes">
            <source>%n part(s) of a replay (a folder judged again)</source>
            <translation>
                <numerusform>%n part of a replay (a folder judged again)</numerusform>
                <numerusform>%n parts of a replay (a folder judged again)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n part(s) judged while a new product was taught</source>
            <translation>
                <numerusform>%n part judged while a new product was taught</numerusform>
                <numerusform>%n parts judged while a new product was taught</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n part(s) of other stations</source>
            <translation>
                <numerusform>%n part of other stations</numerusform>
                <numerusform>%n parts of other stations</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n part(s) of other products</source>
            <translation>
                <numerusform>%n part of other products</numerusform>
                <numerusform>%n parts of other products</numerusform>
            </translation>
        </message>
        <message>
            <source>Not counted: {}.</source>
            <translation>Not counted: {}.</translation>
        </message>
        <message>
            <source>, </source>
            <translation>, </translation>
        </message>
        <message>
            <source>model</source>
            <translation>model</translation>
        </message>
        <message>
            <source>threshold set</source>
            <translation>threshold set</translation>
        </message>
        <message>
            <source>line calibration</source>
            <translation>line calibration</translation>
        </message>
        <message>
            <source>source</source>
            <translation>source</translation>
        </message>
        <message>
            <source>signal lost</source>
            <translation>signal lost</translation>
        </message>
        <message>
            <source>signal back</source>
            <translation>signal back</translation>
        </message>
        <message>
            <source>defect: {}</source>
            <translation>defect: {}</translation>
        </message>
        <message>
            <source>defect (no type given)</source>
            <translation>defect (no type given)</translation>
        </message>
        <message>
            <source>labelled good (false alarm)</source>
            <translation>labelled good (false alarm)</translation>
        </message>
        <message>
            <source>unsure</source>
            <translation>unsure</translation>
        </message>
        <message>
            <source>not labelled</source>
            <translation>not labelled</translation>
        </message>
        <message>
            <source>in the window</source>
            <translation>in the window</translation>
        </message>
        <message>
            <source>over OPC UA</source>
            <translation>over OPC UA</translation>
        </message>
        <message>
            <source>no operator (headless run)</source>
            <translation>no operator (headless run)</translation>
        </message>
        <message>
            <source>teaching a new product</source>
            <translation>teaching a new product</translation>
        </message>
        <message>
            <source>under an earlier release</source>
            <translation>under an earlier release</translation>
        </message>
        <message>
            <source>still pending</source>
            <translation>still pending</translation>
        </message>
        <message>
            <source>Station: {}</source>
            <translation>Station: {}</translation>
        </message>
        <message>
            <source>parts from {} to {}</source>
            <translation>parts from {} to {}</translation>
        </message>
        <message>
            <source>written {}  data folder {}</source>
            <translation>written {}  data folder {}</translation>
        </message>
        <message>
            <source>Parts</source>
            <translation>Parts</translation>
        </message>
        <message>
            <source>parts</source>
            <translation>parts</translation>
        </message>
        <message>
            <source>yield</source>
            <translation>yield</translation>
        </message>
        <message>
            <source>Yield: the parts that passed (OK or WARN) of all parts.</source>
            <translation>Yield: the parts that passed (OK or WARN) of all parts.</translation>
        </message>
        <message>
            <source>NG parts by defect type (labels)</source>
            <translation>NG parts by defect type (labels)</translation>
        </message>
        <message>
            <source>No NG parts.</source>
            <translation>No NG parts.</translation>
        </message>
        <message>
            <source>Defective parts that passed (labels)</source>
            <translation>Defective parts that passed (labels)</translation>
        </message>
        <message>
            <source>Bars: the share of NG parts in each hour; under them the hour and its parts.</source>
            <translation>Bars: the share of NG parts in each hour; under them the hour and its parts.</translation>
        </message>
        <message>
            <source>Score distribution</source>
            <translation>Score distribution</translation>
        </message>
        <message>
            <source>Parts by score as a multiple of the threshold (log scale); red dashes: the threshold, orange: WARN.</source>
            <translation>Parts by score as a multiple of the threshold (log scale); red dashes: the threshold, orange: WARN.</translation>
        </message>
        <message>
            <source>first part</source>
            <translation>first part</translation>
        </message>
        <message>
            <source>last part</source>
            <translation>last part</translation>
        </message>
        <message>
            <source>what it can see</source>
            <translation>what it can see</translation>
        </message>
        <message>
            <source>time</source>
            <translation>time</translation>
        </message>
        <message>
            <source>what</source>
            <translation>what</translation>
        </message>
        <message>
            <source>detail</source>
            <translation>detail</translation>
        </message>
        <message>
            <source>who</source>
            <translation>who</translation>
        </message>
        <message>
            <source>No threshold change was logged in this period.</source>
            <translation>No threshold change was logged in this period.</translation>
        </message>
        <message>
            <source>Time without signal</source>
            <translation>Time without signal</translation>
        </message>
        <message>
            <source>{:.0f} s without a picture in {} interruption(s)</source>
            <translation>{:.0f} s without a picture in {} interruption(s)</translation>
        </message>
        <message>
            <source>Shift report</source>
            <translation>Shift report</translation>
        </message>
        <message>
            <source>not back</source>
            <translation>not back</translation>
        </message>
        <message>
            <source>Alarms and their acknowledgements</source>
            <translation>Alarms and their acknowledgements</translation>
        </message>
        <message>
            <source>No alarms.</source>
            <translation>No alarms.</translation>
        </message>
        <message>
            <source>Measured rates (from the labels)</source>
            <translation>Measured rates (from the labels)</translation>
        </message>
        <message>
            <source>Top NG parts</source>
            <translation>Top NG parts</translation>
        </message>
        <message>
            <source>part {}</source>
            <translation>part {}</translation>
        </message>
        <message>
            <source>No NG part with pictures.</source>
            <translation>No NG part with pictures.</translation>
        </message>
        <message>
            <source>No part of this period is labelled: nothing is measured yet.</source>
            <translation>No part of this period is labelled: nothing is measured yet.</translation>
        </message>
        <message>
            <source>{} good and {} defective parts labelled ({} unsure).</source>
            <translation>{} good and {} defective parts labelled ({} unsure).</translation>
        </message>
        <message>
            <source>false alarms</source>
            <translation>false alarms</translation>
        </message>
        <message>
            <source>misses</source>
            <translation>misses</translation>
        </message>
        <message>
            <source>{}: {} of {} ({:.0%}; 95% between {:.0%} and {:.0%})</source>
            <translation>{}: {} of {} ({:.0%}; 95% between {:.0%} and {:.0%})</translation>
        </message>
    </context>
    <context>
        <name>ReviewWindow</name>
        <message>
            <source>Review parts</source>
            <translation>Review parts</translation>
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
            <translation>Which parts: all, a shift, today, a time range or one run</translation>
        </message>
        <message>
            <source>Score as a multiple of the threshold the part was judged at</source>
            <translation>Score as a multiple of the threshold the part was judged at</translation>
        </message>
        <message>
            <source>The parts of one station, or of every station</source>
            <translation>The parts of one station, or of every station</translation>
        </message>
        <message>
            <source>every station</source>
            <translation>every station</translation>
        </message>
        <message>
            <source>any label</source>
            <translation>any label</translation>
        </message>
        <message>
            <source>unlabelled</source>
            <translation>unlabelled</translation>
        </message>
        <message>
            <source>defect</source>
            <translation>defect</translation>
        </message>
        <message>
            <source>good</source>
            <translation>good</translation>
        </message>
        <message>
            <source>unsure</source>
            <translation>unsure</translation>
        </message>
        <message>
            <source>newest first</source>
            <translation>newest first</translation>
        </message>
        <message>
            <source>oldest first</source>
            <translation>oldest first</translation>
        </message>
        <message>
            <source>highest score first</source>
            <translation>highest score first</translation>
        </message>
        <message>
            <source>lowest score first</source>
            <translation>lowest score first</translation>
        </message>
        <message>
            <source>with pictures</source>
            <translation>with pictures</translation>
        </message>
        <message>
            <source>Only the parts whose pictures were kept (NG, WARN and a sample of OK)</source>
            <translation>Only the parts whose pictures were kept (NG, WARN and a sample of OK)</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Refresh</translation>
        </message>
        <message>
            <source>Read the log again: the parts the line judged since (F5)</source>
            <translation>Read the log again: the parts the line judged since (F5)</translation>
        </message>
        <message>
            <source>Heatmap</source>
            <translation>Heatmap</translation>
        </message>
        <message>
            <source>The inspected region with its heatmap; off: the whole picture with the region drawn on it</source>
            <translation>The inspected region with its heatmap; off: the whole picture with the region drawn on it</translation>
        </message>
        <message>
            <source>&amp;Defect (D)</source>
            <translation>&amp;Defect (D)</translation>
        </message>
        <message>
            <source>&amp;Good (G)</source>
            <translation>&amp;Good (G)</translation>
        </message>
        <message>
            <source>&amp;Unsure (U)</source>
            <translation>&amp;Unsure (U)</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Clear</translation>
        </message>
        <message>
            <source>The defect's type, saved with the label D</source>
            <translation>The defect's type, saved with the label D</translation>
        </message>
        <message>
            <source>Types...</source>
            <translation>Types...</translation>
        </message>
        <message>
            <source>Edit the list of defect types</source>
            <translation>Edit the list of defect types</translation>
        </message>
        <message>
            <source>Add to good samples</source>
            <translation>Add to good samples</translation>
        </message>
        <message>
            <source>A part labelled good joins the good samples (the next retrain learns it)</source>
            <translation>A part labelled good joins the good samples (the next retrain learns it)</translation>
        </message>
        <message>
            <source>score</source>
            <translation>score</translation>
        </message>
        <message>
            <source>All parts</source>
            <translation>All parts</translation>
        </message>
        <message>
            <source>This shift (last {} hours)</source>
            <translation>This shift (last {} hours)</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Today</translation>
        </message>
        <message>
            <source>Time range</source>
            <translation>Time range</translation>
        </message>
        <message>
            <source>run {} ({} parts)</source>
            <translation>run {} ({} parts)</translation>
        </message>
        <message numerus="yes">
            <source>%n part(s)</source>
            <translation>
                <numerusform>%n part</numerusform>
                <numerusform>%n parts</numerusform>
            </translation>
        </message>
        <message>
            <source>No part matches.</source>
            <translation>No part matches.</translation>
        </message>
        <message>
            <source>&lt;b&gt;part {}&lt;/b&gt; of run {}</source>
            <translation>&lt;b&gt;part {}&lt;/b&gt; of run {}</translation>
        </message>
        <message>
            <source>&lt;b style='color:{}'&gt;{}&lt;/b&gt;  score {:.2f} x threshold ({:.5f} of {:.5f})</source>
            <translation>&lt;b style='color:{}'&gt;{}&lt;/b&gt;  score {:.2f} x threshold ({:.5f} of {:.5f})</translation>
        </message>
        <message>
            <source>model {}  source {}</source>
            <translation>model {}  source {}</translation>
        </message>
        <message>
            <source>product {}</source>
            <translation>product {}</translation>
        </message>
        <message>
            <source>unnamed</source>
            <translation>unnamed</translation>
        </message>
        <message>
            <source>photo {}</source>
            <translation>photo {}</translation>
        </message>
        <message>
            <source>region {}</source>
            <translation>region {}</translation>
        </message>
        <message>
            <source>&lt;b&gt;labelled {}{}&lt;/b&gt; by {} at {}</source>
            <translation>&lt;b&gt;labelled {}{}&lt;/b&gt; by {} at {}</translation>
        </message>
        <message>
            <source>a false alarm</source>
            <translation>a false alarm</translation>
        </message>
        <message>
            <source>no pictures kept of this part</source>
            <translation>no pictures kept of this part</translation>
        </message>
        <message>
            <source>Defect types</source>
            <translation>Defect types</translation>
        </message>
        <message>
            <source>One defect type per line:</source>
            <translation>One defect type per line:</translation>
        </message>
        <message>
            <source>not added: {}</source>
            <translation>not added: {}</translation>
        </message>
        <message>
            <source>part {} added to the good samples as {}</source>
            <translation>part {} added to the good samples as {}</translation>
        </message>
    </context>
    <context>
        <name>SamplesPanel</name>
        <message>
            <source>Capture mode</source>
            <translation>Capture mode</translation>
        </message>
        <message>
            <source>Collect good samples from the line (F6)</source>
            <translation>Collect good samples from the line (F6)</translation>
        </message>
        <message>
            <source>Capture sample</source>
            <translation>Capture sample</translation>
        </message>
        <message>
            <source>Store the region now as a good sample (C)</source>
            <translation>Store the region now as a good sample (C)</translation>
        </message>
        <message>
            <source>one per new part</source>
            <translation>one per new part</translation>
        </message>
        <message>
            <source>In capture mode, store each new part as a good sample</source>
            <translation>In capture mode, store each new part as a good sample</translation>
        </message>
        <message>
            <source> ms</source>
            <translation> ms</translation>
        </message>
        <message>
            <source>no timer</source>
            <translation>no timer</translation>
        </message>
        <message>
            <source>In capture mode, also store the region every so many milliseconds (0: off)</source>
            <translation>In capture mode, also store the region every so many milliseconds (0: off)</translation>
        </message>
        <message>
            <source>Capture</source>
            <translation>Capture</translation>
        </message>
        <message>
            <source>every</source>
            <translation>every</translation>
        </message>
        <message>
            <source>It is good: add it anyway</source>
            <translation>It is good: add it anyway</translation>
        </message>
        <message>
            <source>Store the part the model flagged as a good sample after all</source>
            <translation>Store the part the model flagged as a good sample after all</translation>
        </message>
        <message>
            <source>Good samples. Select and press Delete to remove; Ctrl+Z brings them back</source>
            <translation>Good samples. Select and press Delete to remove; Ctrl+Z brings them back</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Delete</translation>
        </message>
        <message>
            <source>Remove the selected samples (Delete)</source>
            <translation>Remove the selected samples (Delete)</translation>
        </message>
        <message>
            <source>Undo delete</source>
            <translation>Undo delete</translation>
        </message>
        <message>
            <source>Bring back the last deleted samples (Ctrl+Z)</source>
            <translation>Bring back the last deleted samples (Ctrl+Z)</translation>
        </message>
        <message>
            <source>Import folder...</source>
            <translation>Import folder...</translation>
        </message>
        <message>
            <source>Add the good images of a folder; unreadable or unfit files are listed</source>
            <translation>Add the good images of a folder; unreadable or unfit files are listed</translation>
        </message>
        <message>
            <source>Good samples</source>
            <translation>Good samples</translation>
        </message>
        <message>
            <source>Retrain</source>
            <translation>Retrain</translation>
        </message>
        <message>
            <source>Models...</source>
            <translation>Models...</translation>
        </message>
        <message>
            <source>Every trained model: activate one (roll back) or delete it</source>
            <translation>Every trained model: activate one (roll back) or delete it</translation>
        </message>
        <message>
            <source>Cancel training</source>
            <translation>Cancel training</translation>
        </message>
        <message>
            <source>Stop the training; the current model stays</source>
            <translation>Stop the training; the current model stays</translation>
        </message>
        <message>
            <source>epoch</source>
            <translation>epoch</translation>
        </message>
        <message>
            <source>loss</source>
            <translation>loss</translation>
        </message>
        <message>
            <source>held out</source>
            <translation>held out</translation>
        </message>
        <message>
            <source>Use it anyway</source>
            <translation>Use it anyway</translation>
        </message>
        <message>
            <source>Inspect with the new model although it may miss small defects of this product (the engineer lock covers this)</source>
            <translation>Inspect with the new model although it may miss small defects of this product (the engineer lock covers this)</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Model</translation>
        </message>
        <message>
            <source>Delete them and retrain</source>
            <translation>Delete them and retrain</translation>
        </message>
        <message>
            <source>Keep them</source>
            <translation>Keep them</translation>
        </message>
        <message numerus="yes">
            <source>%n unreadable file(s) in the samples folder are ignored: {}</source>
            <translation>
                <numerusform>%n unreadable file in the samples folder are ignored: {}</numerusform>
                <numerusform>%n unreadable files in the samples folder are ignored: {}</numerusform>
            </translation>
        </message>
        <message>
            <source>capture mode: show good parts to the camera</source>
            <translation>capture mode: show good parts to the camera</translation>
        </message>
        <message>
            <source>stored {}</source>
            <translation>stored {}</translation>
        </message>
        <message>
            <source>not stored: {}</source>
            <translation>not stored: {}</translation>
        </message>
        <message numerus="yes">
            <source>this exposure is the product's look now; %n refused capture(s) stored</source>
            <translation>
                <numerusform>this exposure is the product's look now; %n refused capture stored</numerusform>
                <numerusform>this exposure is the product's look now; %n refused captures stored</numerusform>
            </translation>
        </message>
        <message>
            <source>The last {} captures were all refused as over- or under-exposed (the last: {}).

Is that how this product looks, on a light table or a dark background? Then store them anyway; captures exposed like these are no longer refused for this product's samples (blur and duplicates still are).</source>
            <translation>The last {} captures were all refused as over- or under-exposed (the last: {}).

Is that how this product looks, on a light table or a dark background? Then store them anyway; captures exposed like these are no longer refused for this product's samples (blur and duplicates still are).</translation>
        </message>
        <message>
            <source>not stored: {}. Add it only if it is a good part.</source>
            <translation>not stored: {}. Add it only if it is a good part.</translation>
        </message>
        <message numerus="yes">
            <source>%n good sample(s): {} more needed before training</source>
            <translation>
                <numerusform>%n good sample: {} more needed before training</numerusform>
                <numerusform>%n good samples: {} more needed before training</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n good sample(s): enough to train</source>
            <translation>
                <numerusform>%n good sample: enough to train</numerusform>
                <numerusform>%n good samples: enough to train</numerusform>
            </translation>
        </message>
        <message>
            <source>Samples not deleted</source>
            <translation>Samples not deleted</translation>
        </message>
        <message numerus="yes">
            <source>deleted %n sample(s); Undo brings them back</source>
            <translation>
                <numerusform>deleted %n sample; Undo brings them back</numerusform>
                <numerusform>deleted %n samples; Undo brings them back</numerusform>
            </translation>
        </message>
        <message>
            <source>Samples not restored</source>
            <translation>Samples not restored</translation>
        </message>
        <message numerus="yes">
            <source>restored %n sample(s)</source>
            <translation>
                <numerusform>restored %n sample</numerusform>
                <numerusform>restored %n samples</numerusform>
            </translation>
        </message>
        <message>
            <source>Import good samples from a folder</source>
            <translation>Import good samples from a folder</translation>
        </message>
        <message>
            <source>importing {}...</source>
            <translation>importing {}...</translation>
        </message>
        <message>
            <source>Import failed</source>
            <translation>Import failed</translation>
        </message>
        <message numerus="yes">
            <source>imported %n sample(s) from {}</source>
            <translation>
                <numerusform>imported %n sample from {}</numerusform>
                <numerusform>imported %n samples from {}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>; %n photo(s) of another size kept whole (the region is drawn on pictures of another shape)</source>
            <translation>
                <numerusform>; %n photo of another size kept whole (the region is drawn on pictures of another shape)</numerusform>
                <numerusform>; %n photos of another size kept whole (the region is drawn on pictures of another shape)</numerusform>
            </translation>
        </message>
        <message>
            <source>{} of {} photos look under-exposed (for example {}: {}).

Is that how this product or a variant of it looks (a dark-coloured one, on a dark background)? Then import them anyway; photos this dark are no longer refused for this product's samples (too bright ones, blur and duplicates still are).</source>
            <translation>{} of {} photos look under-exposed (for example {}: {}).

Is that how this product or a variant of it looks (a dark-coloured one, on a dark background)? Then import them anyway; photos this dark are no longer refused for this product's samples (too bright ones, blur and duplicates still are).</translation>
        </message>
        <message>
            <source>{} of {} photos look over-exposed (for example {}: {}).

Is that how this product or a variant of it looks (a light-coloured one, on a light table)? Then import them anyway; photos this bright are no longer refused for this product's samples (too dark ones, blur and duplicates still are).</source>
            <translation>{} of {} photos look over-exposed (for example {}: {}).

Is that how this product or a variant of it looks (a light-coloured one, on a light table)? Then import them anyway; photos this bright are no longer refused for this product's samples (too dark ones, blur and duplicates still are).</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>Import</translation>
        </message>
        <message numerus="yes">
            <source>, %n skipped</source>
            <translation>
                <numerusform>, %n skipped</numerusform>
                <numerusform>, %n skipped</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n skipped:</source>
            <translation>
                <numerusform>%n skipped:</numerusform>
                <numerusform>%n skipped:</numerusform>
            </translation>
        </message>
        <message>
            <source>starting the trainer...</source>
            <translation>starting the trainer...</translation>
        </message>
        <message>
            <source>training on {} samples, each also scored by a model fitted without it to calibrate</source>
            <translation>training on {} samples, each also scored by a model fitted without it to calibrate</translation>
        </message>
        <message>
            <source>training on {} samples, {} held out to calibrate</source>
            <translation>training on {} samples, {} held out to calibrate</translation>
        </message>
        <message>
            <source>preparing the model for the line (LiteRT)</source>
            <translation>preparing the model for the line (LiteRT)</translation>
        </message>
        <message>
            <source>making {} test defects from the samples</source>
            <translation>making {} test defects from the samples</translation>
        </message>
        <message>
            <source>chose {}; fitting it on every sample</source>
            <translation>chose {}; fitting it on every sample</translation>
        </message>
        <message>
            <source>judging the candidate models: fold {} of {}</source>
            <translation>judging the candidate models: fold {} of {}</translation>
        </message>
        <message>
            <source>reading the test images ({} of {})</source>
            <translation>reading the test images ({} of {})</translation>
        </message>
        <message>
            <source>reading the features of sample {} of {}</source>
            <translation>reading the features of sample {} of {}</translation>
        </message>
        <message>
            <source>a Gaussian per position</source>
            <translation>a Gaussian per position</translation>
        </message>
        <message>
            <source>a memory of good patches</source>
            <translation>a memory of good patches</translation>
        </message>
        <message>
            <source>fitting the model ({})</source>
            <translation>fitting the model ({})</translation>
        </message>
        <message>
            <source>epoch {} of {}, {} left</source>
            <translation>epoch {} of {}, {} left</translation>
        </message>
        <message>
            <source>epoch {} of {}</source>
            <translation>epoch {} of {}</translation>
        </message>
        <message>
            <source>{:.2f} x threshold</source>
            <translation>{:.2f} x threshold</translation>
        </message>
        <message numerus="yes">
            <source>The new model alarmed on %n held-out good sample(s). Are they really good? Delete them and retrain, or keep them.</source>
            <translation>
                <numerusform>The new model alarmed on %n held-out good sample. Are they really good? Delete them and retrain, or keep them.</numerusform>
                <numerusform>The new model alarmed on %n held-out good samples. Are they really good? Delete them and retrain, or keep them.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The training left out %n sample(s) unlike all the others: a defect among the good samples? Delete them, or keep them.</source>
            <translation>
                <numerusform>The training left out %n sample unlike all the others: a defect among the good samples? Delete them, or keep them.</numerusform>
                <numerusform>The training left out %n samples unlike all the others: a defect among the good samples? Delete them, or keep them.</numerusform>
            </translation>
        </message>
        <message>
            <source>Delete them</source>
            <translation>Delete them</translation>
        </message>
        <message>
            <source>Not activated</source>
            <translation>Not activated</translation>
        </message>
        <message>
            <source>active model: {}</source>
            <translation>active model: {}</translation>
        </message>
        <message>
            <source>Every model (locked: view only)</source>
            <translation>Every model (locked: view only)</translation>
        </message>
        <message>
            <source>Every model, the shipped one included: activate one (roll back) or delete it</source>
            <translation>Every model, the shipped one included: activate one (roll back) or delete it</translation>
        </message>
    </context>
    <context>
        <name>ScorePlot</name>
        <message>
            <source>Anomaly score of the inspected frames over the last minute, in units of the threshold (1.0 = alarm). Gaps: no part in the region. Red dots: NG parts.</source>
            <translation>Anomaly score of the inspected frames over the last minute, in units of the threshold (1.0 = alarm). Gaps: no part in the region. Red dots: NG parts.</translation>
        </message>
        <message>
            <source>score / threshold</source>
            <translation>score / threshold</translation>
        </message>
        <message>
            <source>seconds ago</source>
            <translation>seconds ago</translation>
        </message>
    </context>
    <context>
        <name>StationTile</name>
        <message>
            <source>Click to watch this station large</source>
            <translation>Click to watch this station large</translation>
        </message>
        <message numerus="yes">
            <source>%n part(s), {} NG</source>
            <translation>
                <numerusform>%n part, {} NG</numerusform>
                <numerusform>%n parts, {} NG</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>StationsDialog</name>
        <message>
            <source>Stations</source>
            <translation>Stations</translation>
        </message>
        <message>
            <source>station</source>
            <translation>station</translation>
        </message>
        <message>
            <source>source</source>
            <translation>source</translation>
        </message>
        <message>
            <source>product</source>
            <translation>product</translation>
        </message>
        <message>
            <source>Add...</source>
            <translation>Add...</translation>
        </message>
        <message>
            <source>Rename...</source>
            <translation>Rename...</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>Up</source>
            <translation>Up</translation>
        </message>
        <message>
            <source>Down</source>
            <translation>Down</translation>
        </message>
        <message>
            <source>Each station is a camera (or a folder) with its own product, region, part numbers and calibration. Click a station's picture to watch it large: capture, retrain and the menus act on that one.</source>
            <translation>Each station is a camera (or a folder) with its own product, region, part numbers and calibration. Click a station's picture to watch it large: capture, retrain and the menus act on that one.</translation>
        </message>
        <message>
            <source>(unnamed)</source>
            <translation>(unnamed)</translation>
        </message>
        <message>
            <source>unnamed</source>
            <translation>unnamed</translation>
        </message>
        <message>
            <source>A station needs a source.</source>
            <translation>A station needs a source.</translation>
        </message>
        <message>
            <source>Rename station</source>
            <translation>Rename station</translation>
        </message>
        <message>
            <source>Name:</source>
            <translation>Name:</translation>
        </message>
        <message>
            <source>Stop watching station {} and take it off the window? Its parts stay in the log.</source>
            <translation>Stop watching station {} and take it off the window? Its parts stay in the log.</translation>
        </message>
    </context>
    <context>
        <name>Verdict</name>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>WARN</source>
            <translation>WARN</translation>
        </message>
        <message>
            <source>NG</source>
            <translation>NG</translation>
        </message>
        <message>
            <source>NO PART</source>
            <translation>NO PART</translation>
        </message>
        <message>
            <source>NO SIGNAL</source>
            <translation>NO SIGNAL</translation>
        </message>
        <message>
            <source>LOADING</source>
            <translation>LOADING</translation>
        </message>
        <message>
            <source>NO MODEL</source>
            <translation>NO MODEL</translation>
        </message>
        <message>
            <source>PAUSED</source>
            <translation>PAUSED</translation>
        </message>
        <message>
            <source>FINISHED</source>
            <translation>FINISHED</translation>
        </message>
        <message>
            <source>TEACHING</source>
            <translation>TEACHING</translation>
        </message>
    </context>
    <context>
        <name>VerdictPanel</name>
        <message>
            <source>The state of the part under the camera now</source>
            <translation>The state of the part under the camera now</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>Reset</translation>
        </message>
        <message>
            <source>Back to the model's calibrated threshold</source>
            <translation>Back to the model's calibrated threshold</translation>
        </message>
        <message>
            <source>parts</source>
            <translation>parts</translation>
        </message>
        <message>
            <source>NG</source>
            <translation>NG</translation>
        </message>
        <message>
            <source>NG rate</source>
            <translation>NG rate</translation>
        </message>
        <message>
            <source>The NG parts not yet acknowledged, newest first</source>
            <translation>The NG parts not yet acknowledged, newest first</translation>
        </message>
        <message>
            <source>Acknowledge alarm</source>
            <translation>Acknowledge alarm</translation>
        </message>
        <message>
            <source>Clear the alarm once the NG parts are off the line (Ctrl+K)</source>
            <translation>Clear the alarm once the NG parts are off the line (Ctrl+K)</translation>
        </message>
        <message>
            <source>Not a defect</source>
            <translation>Not a defect</translation>
        </message>
        <message>
            <source>The newest NG part was good: store it as a good sample for the next retrain</source>
            <translation>The newest NG part was good: store it as a good sample for the next retrain</translation>
        </message>
        <message>
            <source>New product...</source>
            <translation>New product...</translation>
        </message>
        <message>
            <source>Teach the product on the line: its own samples and model</source>
            <translation>Teach the product on the line: its own samples and model</translation>
        </message>
        <message>
            <source>Roll back</source>
            <translation>Roll back</translation>
        </message>
        <message>
            <source>Inspect with the previous model again</source>
            <translation>Inspect with the previous model again</translation>
        </message>
        <message>
            <source>Keep this model</source>
            <translation>Keep this model</translation>
        </message>
        <message>
            <source>Threshold as calibrated</source>
            <translation>Threshold as calibrated</translation>
        </message>
    </context>
    <context>
        <name>WindowMenus</name>
        <message>
            <source>&amp;File</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <source>Open &amp;camera...</source>
            <translation>Open &amp;camera...</translation>
        </message>
        <message>
            <source>Watch a USB camera by index</source>
            <translation>Watch a USB camera by index</translation>
        </message>
        <message>
            <source>Open &amp;video file...</source>
            <translation>Open &amp;video file...</translation>
        </message>
        <message>
            <source>Play a recorded video as the line</source>
            <translation>Play a recorded video as the line</translation>
        </message>
        <message>
            <source>Open &amp;stream...</source>
            <translation>Open &amp;stream...</translation>
        </message>
        <message>
            <source>Watch an RTSP or HTTP stream</source>
            <translation>Watch an RTSP or HTTP stream</translation>
        </message>
        <message>
            <source>Open image &amp;folder...</source>
            <translation>Open image &amp;folder...</translation>
        </message>
        <message>
            <source>Inspect the photos of a folder</source>
            <translation>Inspect the photos of a folder</translation>
        </message>
        <message>
            <source>&amp;Demo line</source>
            <translation>&amp;Demo line</translation>
        </message>
        <message>
            <source>The demo cookie line</source>
            <translation>The demo cookie line</translation>
        </message>
        <message>
            <source>&amp;Replay folder...</source>
            <translation>&amp;Replay folder...</translation>
        </message>
        <message>
            <source>Judge every photo of the folder again, those judged before too (the report keeps a replay's parts apart)</source>
            <translation>Judge every photo of the folder again, those judged before too (the report keeps a replay's parts apart)</translation>
        </message>
        <message>
            <source>Open &amp;model...</source>
            <translation>Open &amp;model...</translation>
        </message>
        <message>
            <source>Use another trained model bundle</source>
            <translation>Use another trained model bundle</translation>
        </message>
        <message>
            <source>Shift &amp;report...</source>
            <translation>Shift &amp;report...</translation>
        </message>
        <message>
            <source>Write the report of a run, a shift or a day as PDF or HTML, with the parts' CSV</source>
            <translation>Write the report of a run, a shift or a day as PDF or HTML, with the parts' CSV</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quit</translation>
        </message>
        <message>
            <source>Stop the line and close</source>
            <translation>Stop the line and close</translation>
        </message>
        <message>
            <source>&amp;Line</source>
            <translation>&amp;Line</translation>
        </message>
        <message>
            <source>&amp;Pause</source>
            <translation>&amp;Pause</translation>
        </message>
        <message>
            <source>Stop and restart the line</source>
            <translation>Stop and restart the line</translation>
        </message>
        <message>
            <source>&amp;Acknowledge alarm</source>
            <translation>&amp;Acknowledge alarm</translation>
        </message>
        <message>
            <source>Clear the alarm once the NG parts are dealt with</source>
            <translation>Clear the alarm once the NG parts are dealt with</translation>
        </message>
        <message>
            <source>Last NG part was &amp;good...</source>
            <translation>Last NG part was &amp;good...</translation>
        </message>
        <message>
            <source>Add the last NG part to the good samples (next retrain)</source>
            <translation>Add the last NG part to the good samples (next retrain)</translation>
        </message>
        <message>
            <source>Last part was &amp;defective</source>
            <translation>Last part was &amp;defective</translation>
        </message>
        <message>
            <source>The last part was defective though it passed: the line's calibration leaves it out</source>
            <translation>The last part was defective though it passed: the line's calibration leaves it out</translation>
        </message>
        <message>
            <source>Pro&amp;duct...</source>
            <translation>Pro&amp;duct...</translation>
        </message>
        <message>
            <source>Put another product on the line: its samples, its model and its region together</source>
            <translation>Put another product on the line: its samples, its model and its region together</translation>
        </message>
        <message>
            <source>S&amp;tations...</source>
            <translation>S&amp;tations...</translation>
        </message>
        <message>
            <source>Several cameras on this PC: add, rename, remove and reorder the stations</source>
            <translation>Several cameras on this PC: add, rename, remove and reorder the stations</translation>
        </message>
        <message>
            <source>&amp;Reset threshold</source>
            <translation>&amp;Reset threshold</translation>
        </message>
        <message>
            <source>Back to the model's calibrated threshold</source>
            <translation>Back to the model's calibrated threshold</translation>
        </message>
        <message>
            <source>Re&amp;calibrate on the line</source>
            <translation>Re&amp;calibrate on the line</translation>
        </message>
        <message>
            <source>Forget the line's parts and calibrate the threshold on the next ones (after a change of light, camera or material)</source>
            <translation>Forget the line's parts and calibrate the threshold on the next ones (after a change of light, camera or material)</translation>
        </message>
        <message>
            <source>Line cal&amp;ibration...</source>
            <translation>Line cal&amp;ibration...</translation>
        </message>
        <message>
            <source>How the threshold follows the line's own parts</source>
            <translation>How the threshold follows the line's own parts</translation>
        </message>
        <message>
            <source>&amp;Folder pace...</source>
            <translation>&amp;Folder pace...</translation>
        </message>
        <message>
            <source>How fast a folder's photos come: one every so many milliseconds, or as fast as they are judged</source>
            <translation>How fast a folder's photos come: one every so many milliseconds, or as fast as they are judged</translation>
        </message>
        <message>
            <source>No-signal &amp;alarm...</source>
            <translation>No-signal &amp;alarm...</translation>
        </message>
        <message>
            <source>Sound the alarm when the camera has sent nothing for some seconds</source>
            <translation>Sound the alarm when the camera has sent nothing for some seconds</translation>
        </message>
        <message>
            <source>Line &amp;outputs...</source>
            <translation>Line &amp;outputs...</translation>
        </message>
        <message>
            <source>Send every verdict to MQTT, a webhook or an OPC UA server (PLC, SCADA, MES)</source>
            <translation>Send every verdict to MQTT, a webhook or an OPC UA server (PLC, SCADA, MES)</translation>
        </message>
        <message>
            <source>Re&amp;view parts...</source>
            <translation>Re&amp;view parts...</translation>
        </message>
        <message>
            <source>Look back at the logged parts and label them: defect, good or unsure</source>
            <translation>Look back at the logged parts and label them: defect, good or unsure</translation>
        </message>
        <message>
            <source>Engineer &amp;lock...</source>
            <translation>Engineer &amp;lock...</translation>
        </message>
        <message>
            <source>Lock or unlock the threshold, region, model, retrain and source</source>
            <translation>Lock or unlock the threshold, region, model, retrain and source</translation>
        </message>
        <message>
            <source>&amp;Samples</source>
            <translation>&amp;Samples</translation>
        </message>
        <message>
            <source>&amp;Capture mode</source>
            <translation>&amp;Capture mode</translation>
        </message>
        <message>
            <source>Collect good samples from the line</source>
            <translation>Collect good samples from the line</translation>
        </message>
        <message>
            <source>Capture &amp;sample</source>
            <translation>Capture &amp;sample</translation>
        </message>
        <message>
            <source>Store the region now as a good sample (in capture mode)</source>
            <translation>Store the region now as a good sample (in capture mode)</translation>
        </message>
        <message>
            <source>&amp;Import folder...</source>
            <translation>&amp;Import folder...</translation>
        </message>
        <message>
            <source>Add the good images of a folder</source>
            <translation>Add the good images of a folder</translation>
        </message>
        <message>
            <source>&amp;Undo delete</source>
            <translation>&amp;Undo delete</translation>
        </message>
        <message>
            <source>Bring back the last deleted samples</source>
            <translation>Bring back the last deleted samples</translation>
        </message>
        <message>
            <source>&amp;Retrain</source>
            <translation>&amp;Retrain</translation>
        </message>
        <message>
            <source>Train a new model on the good samples; the line goes on meanwhile</source>
            <translation>Train a new model on the good samples; the line goes on meanwhile</translation>
        </message>
        <message>
            <source>Cancel &amp;training</source>
            <translation>Cancel &amp;training</translation>
        </message>
        <message>
            <source>Stop the training; the current model stays</source>
            <translation>Stop the training; the current model stays</translation>
        </message>
        <message>
            <source>&amp;Models...</source>
            <translation>&amp;Models...</translation>
        </message>
        <message>
            <source>Every model, the shipped one included: activate one or delete it</source>
            <translation>Every model, the shipped one included: activate one or delete it</translation>
        </message>
        <message>
            <source>&amp;New product...</source>
            <translation>&amp;New product...</translation>
        </message>
        <message>
            <source>Teach the line another product: its own samples, capture without the active model's verdicts, then Retrain</source>
            <translation>Teach the line another product: its own samples, capture without the active model's verdicts, then Retrain</translation>
        </message>
        <message>
            <source>&amp;End teaching</source>
            <translation>&amp;End teaching</translation>
        </message>
        <message>
            <source>The active model knows the product: its NG parts are alarms again</source>
            <translation>The active model knows the product: its NG parts are alarms again</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <source>&amp;Heatmap</source>
            <translation>&amp;Heatmap</translation>
        </message>
        <message>
            <source>Show or hide the red heatmap</source>
            <translation>Show or hide the red heatmap</translation>
        </message>
        <message>
            <source>&amp;Full screen</source>
            <translation>&amp;Full screen</translation>
        </message>
        <message>
            <source>Full screen on or off</source>
            <translation>Full screen on or off</translation>
        </message>
        <message>
            <source>Reset &amp;region</source>
            <translation>Reset &amp;region</translation>
        </message>
        <message>
            <source>Back to the largest centred square</source>
            <translation>Back to the largest centred square</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Language</translation>
        </message>
        <message>
            <source>System default</source>
            <translation>System default</translation>
        </message>
        <message>
            <source>The window's language (applies at the next start)</source>
            <translation>The window's language (applies at the next start)</translation>
        </message>
        <message>
            <source>Folder pace</source>
            <translation>Folder pace</translation>
        </message>
        <message>
            <source>One photo of a folder every this many milliseconds (0: as fast as they are judged):</source>
            <translation>One photo of a folder every this many milliseconds (0: as fast as they are judged):</translation>
        </message>
        <message>
            <source>Replay folder</source>
            <translation>Replay folder</translation>
        </message>
        <message>
            <source>Judge every photo of {} again, those judged before too?

The replay is a run of its own; the shift report keeps its parts apart.</source>
            <translation>Judge every photo of {} again, those judged before too?

The replay is a run of its own; the shift report keeps its parts apart.</translation>
        </message>
        <message>
            <source>replaying {}</source>
            <translation>replaying {}</translation>
        </message>
        <message>
            <source>No-signal alarm</source>
            <translation>No-signal alarm</translation>
        </message>
        <message>
            <source>Sound the alarm after this many seconds without a picture (0: never):</source>
            <translation>Sound the alarm after this many seconds without a picture (0: never):</translation>
        </message>
        <message>
            <source>Set the engineer password (the threshold, region, model, retrain and source are locked with it):</source>
            <translation>Set the engineer password (the threshold, region, model, retrain and source are locked with it):</translation>
        </message>
        <message>
            <source>Engineer lock</source>
            <translation>Engineer lock</translation>
        </message>
        <message>
            <source>Password:</source>
            <translation>Password:</translation>
        </message>
        <message>
            <source>Wrong password; still locked.</source>
            <translation>Wrong password; still locked.</translation>
        </message>
        <message>
            <source>unlocked for {:g} minutes</source>
            <translation>unlocked for {:g} minutes</translation>
        </message>
        <message>
            <source>Lock now</source>
            <translation>Lock now</translation>
        </message>
        <message>
            <source>Change the password</source>
            <translation>Change the password</translation>
        </message>
        <message>
            <source>Relock after... minutes</source>
            <translation>Relock after... minutes</translation>
        </message>
        <message>
            <source>Remove the lock</source>
            <translation>Remove the lock</translation>
        </message>
        <message>
            <source>Unlocked:</source>
            <translation>Unlocked:</translation>
        </message>
        <message>
            <source>New engineer password:</source>
            <translation>New engineer password:</translation>
        </message>
        <message>
            <source>Lock again after (minutes):</source>
            <translation>Lock again after (minutes):</translation>
        </message>
        <message>
            <source>The same password again:</source>
            <translation>The same password again:</translation>
        </message>
        <message>
            <source>The two passwords differ; nothing changed.</source>
            <translation>The two passwords differ; nothing changed.</translation>
        </message>
        <message>
            <source>At least 4 characters, please.</source>
            <translation>At least 4 characters, please.</translation>
        </message>
        <message>
            <source>engineer lock set: the settings are locked</source>
            <translation>engineer lock set: the settings are locked</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Language</translation>
        </message>
        <message>
            <source>The window speaks the new language from the next start. Restart now?</source>
            <translation>The window speaks the new language from the next start. Restart now?</translation>
        </message>
        <message>
            <source>unnamed</source>
            <translation>unnamed</translation>
        </message>
        <message>
            <source>This run of {}</source>
            <translation>This run of {}</translation>
        </message>
        <message>
            <source>This shift of {} (last {} hours)</source>
            <translation>This shift of {} (last {} hours)</translation>
        </message>
        <message>
            <source>{} today</source>
            <translation>{} today</translation>
        </message>
        <message>
            <source>Every part in the log, every product</source>
            <translation>Every part in the log, every product</translation>
        </message>
        <message>
            <source>Shift report</source>
            <translation>Shift report</translation>
        </message>
        <message>
            <source>Which parts:</source>
            <translation>Which parts:</translation>
        </message>
        <message>
            <source>PDF (*.pdf);;HTML (*.html)</source>
            <translation>PDF (*.pdf);;HTML (*.html)</translation>
        </message>
        <message>
            <source>The report was not written:

{}</source>
            <translation>The report was not written:

{}</translation>
        </message>
        <message>
            <source>report written: {} (and {})</source>
            <translation>report written: {} (and {})</translation>
        </message>
        <message>
            <source>camera {}</source>
            <translation>camera {}</translation>
        </message>
        <message>
            <source>Open camera</source>
            <translation>Open camera</translation>
        </message>
        <message>
            <source>Cameras that deliver pictures:</source>
            <translation>Cameras that deliver pictures:</translation>
        </message>
        <message>
            <source>No camera answered on indices 0-7. Try an index anyway (0 is the first camera):</source>
            <translation>No camera answered on indices 0-7. Try an index anyway (0 is the first camera):</translation>
        </message>
        <message>
            <source>Open video</source>
            <translation>Open video</translation>
        </message>
        <message>
            <source>Videos (*.mp4 *.avi *.mov *.mkv *.webm)</source>
            <translation>Videos (*.mp4 *.avi *.mov *.mkv *.webm)</translation>
        </message>
        <message>
            <source>Open stream</source>
            <translation>Open stream</translation>
        </message>
        <message>
            <source>Stream URL (rtsp://..., http://...):</source>
            <translation>Stream URL (rtsp://..., http://...):</translation>
        </message>
        <message>
            <source>Open image folder</source>
            <translation>Open image folder</translation>
        </message>
        <message>
            <source>Open model bundle (a folder with model.keras and meta.json)</source>
            <translation>Open model bundle (a folder with model.keras and meta.json)</translation>
        </message>
        <message>
            <source>loading {}...</source>
            <translation>loading {}...</translation>
        </message>
    </context>
    <context>
        <name>WindowStatusBar</name>
        <message>
            <source>The median score of the last good parts against the one the model was calibrated with: well above 1, the light, the camera or the product has changed and false alarms will follow</source>
            <translation>The median score of the last good parts against the one the model was calibrated with: well above 1, the light, the camera or the product has changed and false alarms will follow</translation>
        </message>
        <message>
            <source>Where the threshold comes from: the samples give it a first value, then the line sets it from the parts it judges (Line &gt; Line calibration...)</source>
            <translation>Where the threshold comes from: the samples give it a first value, then the line sets it from the parts it judges (Line &gt; Line calibration...)</translation>
        </message>
        <message>
            <source>run {}</source>
            <translation>run {}</translation>
        </message>
        <message>
            <source>Every part of this run is logged with this run id (part numbers start again at 1 in each run)</source>
            <translation>Every part of this run is logged with this run id (part numbers start again at 1 in each run)</translation>
        </message>
        <message>
            <source>camera {:.1f} fps  inference {:.1f} fps  latency {:.0f} ms</source>
            <translation>camera {:.1f} fps  inference {:.1f} fps  latency {:.0f} ms</translation>
        </message>
        <message>
            <source>NG pictures not saved: disk full</source>
            <translation>NG pictures not saved: disk full</translation>
        </message>
        <message>
            <source>good parts {:.2f} x calibration</source>
            <translation>good parts {:.2f} x calibration</translation>
        </message>
        <message>
            <source>Good parts now score {:.2f} x what the model was calibrated with: has the light, the camera or the product changed? Check the region and the light, or retrain.</source>
            <translation>Good parts now score {:.2f} x what the model was calibrated with: has the light, the camera or the product changed? Check the region and the light, or retrain.</translation>
        </message>
        <message>
            <source>source: {}</source>
            <translation>source: {}</translation>
        </message>
    </context>
</TS>
