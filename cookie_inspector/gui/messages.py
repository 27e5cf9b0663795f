"""The engine's messages in the window's language.

The core of Cookie Inspector stays free of Qt and speaks English (logs, the command line). Its messages that the
window shows are sentences of a known shape, joined by "; " (``camera 7: the camera cannot be opened; trying again in
8 s``). Here each shape is a pattern with named parts and a translatable template; :func:`engine_text` translates a
message clause by clause and keeps a clause it does not know as it is (a file name, an OS error), so nothing is lost.
``tests/gui/test_translations.py`` feeds the real messages of the engine through it and fails on a clause it does
not know.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Engine"

_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(p), t)
    for p, t in (
        # stations (Line > Stations...)
        (
            r"station (?P<name>'.*'|\".*\"): a name of letters, digits, spaces, dots, dashes or underscores "
            r"\(up to 40\), starting with a letter or digit",
            QT_TRANSLATE_NOOP(
                "Engine",
                "station {name}: a name of letters, digits, spaces, dots, dashes or "
                "underscores (up to 40), starting with a letter or digit",
            ),  # fmt: skip
        ),
        (
            r"two stations are named (?P<name>'.*'|\".*\"): each needs a name of its own",
            QT_TRANSLATE_NOOP("Engine", "two stations are named {name}: each needs a name of its own"),
        ),
        (
            r"station (?P<name>.+) waits for the model being trained for it: remove it when the training has ended",
            QT_TRANSLATE_NOOP(
                "Engine",
                "station {name} waits for the model being trained for it: remove it when the training has ended",
            ),  # fmt: skip
        ),
        (
            r"the last station stays: a line needs one",
            QT_TRANSLATE_NOOP("Engine", "the last station stays: a line needs one"),
        ),
        (
            r"(?P<path>.+): the stations cannot be remembered: (?P<why>.+)",
            QT_TRANSLATE_NOOP("Engine", "{path}: the stations cannot be remembered: {why}"),
        ),
        # line outputs (MQTT, webhook, OPC UA): why one is failing, what is wrong with a URL, what the outbox dropped
        (
            r"cannot reach the broker at (?P<where>\S+) \((?P<why>.+)\)",
            QT_TRANSLATE_NOOP("Engine", "cannot reach the broker at {where} ({why})"),
        ),
        (
            r"the broker at (?P<where>\S+) refused the connection \((?P<why>.+)\)",
            QT_TRANSLATE_NOOP("Engine", "the broker at {where} refused the connection ({why})"),
        ),
        (
            r"the broker at (?P<where>\S+) did not answer within (?P<s>\d+) s",
            QT_TRANSLATE_NOOP("Engine", "the broker at {where} did not answer within {s} s"),
        ),
        (r"(?P<where>\S+): the connection was lost", QT_TRANSLATE_NOOP("Engine", "{where}: the connection was lost")),
        (
            r"(?P<where>\S+): no PUBACK within (?P<s>[\d.]+) s",
            QT_TRANSLATE_NOOP("Engine", "{where}: no acknowledgement (PUBACK) within {s} s"),
        ),
        (
            r"TLS with (?P<where>\S+) failed \((?P<why>.+)\)",
            QT_TRANSLATE_NOOP("Engine", "TLS with {where} failed ({why})"),
        ),
        (
            r"(?P<what>.+): not a usable CA file \((?P<why>.+)\)",
            QT_TRANSLATE_NOOP("Engine", "{what}: not a usable CA file ({why})"),
        ),
        (
            r"(?P<where>\S+) answered HTTP (?P<code>\d+) ?(?P<reason>.*)",
            QT_TRANSLATE_NOOP("Engine", "{where} answered HTTP {code} {reason}"),
        ),
        (r"cannot reach (?P<where>\S+) \((?P<why>.+)\)", QT_TRANSLATE_NOOP("Engine", "cannot reach {where} ({why})")),
        (
            r"cannot listen on (?P<where>\S+) \((?P<why>.+)\)",
            QT_TRANSLATE_NOOP("Engine", "cannot listen on {where} ({why})"),
        ),
        (r"the output is closing", QT_TRANSLATE_NOOP("Engine", "the output is closing")),
        (
            r"(?P<what>.+): an MQTT broker is written mqtt://HOST:PORT\[/PREFIX\] \(or mqtts:// for TLS\)",
            QT_TRANSLATE_NOOP(
                "Engine", "{what}: an MQTT broker is written mqtt://HOST:PORT[/PREFIX] (or mqtts:// for TLS)"
            ),
        ),
        (
            r"(?P<what>.+): the port is not a number from 1 to 65535",
            QT_TRANSLATE_NOOP("Engine", "{what}: the port is not a number from 1 to 65535"),
        ),
        (
            r"(?P<what>.+): no host \(write it as (?P<scheme>[\w.]+)://HOST:PORT\)",
            QT_TRANSLATE_NOOP("Engine", "{what}: no host (write it as {scheme}://HOST:PORT)"),
        ),
        (
            r"(?P<what>.+): the topic prefix (?P<prefix>.+) may not contain '\+', '#' or empty levels",
            QT_TRANSLATE_NOOP("Engine", "{what}: the topic prefix {prefix} may not contain '+', '#' or empty levels"),
        ),
        (
            r"(?P<what>.+): a CA file is for a TLS broker: write mqtts://",
            QT_TRANSLATE_NOOP("Engine", "{what}: a CA file is for a TLS broker: write mqtts://"),
        ),
        (
            r"(?P<what>.+): the CA file does not exist",
            QT_TRANSLATE_NOOP("Engine", "{what}: the CA file does not exist"),
        ),
        (
            r"(?P<what>.+): an OPC UA endpoint is written opc\.tcp://HOST:PORT",
            QT_TRANSLATE_NOOP("Engine", "{what}: an OPC UA endpoint is written opc.tcp://HOST:PORT"),
        ),
        (
            r"an OPC UA user needs a password and a password needs a user \((?P<how>.+)\)",
            QT_TRANSLATE_NOOP("Engine", "an OPC UA user needs a password and a password needs a user ({how})"),
        ),
        (
            r"(?P<what>.+): a webhook is an http:// or https:// URL",
            QT_TRANSLATE_NOOP("Engine", "{what}: a webhook is an http:// or https:// URL"),
        ),
        (
            r"the outbox bound must be positive \(days and MB\)",
            QT_TRANSLATE_NOOP("Engine", "the outbox bound must be positive (days and MB)"),
        ),
        (
            r"the line name (?P<name>.+) cannot be an MQTT topic level \(no '/', '\+', '#' and not empty\)",
            QT_TRANSLATE_NOOP(
                "Engine", "the line name {name} cannot be an MQTT topic level (no '/', '+', '#' and not empty)"
            ),
        ),
        (
            r"MQTT and the webhook send what the inspection log records \(their outbox is in it\): they cannot run "
            r"without the log \(--no-log\)",
            QT_TRANSLATE_NOOP(
                "Engine",
                "MQTT and the webhook send what the inspection log records (their outbox is "
                "in it): they cannot run without the log",
            ),
        ),
        (
            r"(?P<output>\w+) outbox: events older than (?P<days>[\d.]+) days",
            QT_TRANSLATE_NOOP("Engine", "{output} outbox: events older than {days} days"),
        ),
        (
            r"(?P<output>\w+) outbox: the bound of (?P<mb>[\d.]+) MB was reached",
            QT_TRANSLATE_NOOP("Engine", "{output} outbox: the bound of {mb} MB was reached"),
        ),
        (
            r"the oldest (?P<n>\d+) event\(s\) were dropped \((?P<first>\S+) to (?P<last>\S+), logged in "
            r"outbox_dropped\)",
            QT_TRANSLATE_NOOP(
                "Engine", "the oldest {n} event(s) were dropped ({first} to {last}, logged in outbox_dropped)"
            ),
        ),
        # sources
        (
            r"(?P<what>.+): the camera cannot be opened",
            QT_TRANSLATE_NOOP("Engine", "{what}: the camera cannot be opened"),
        ),
        (
            r"(?P<what>.+): the stream cannot be opened",
            QT_TRANSLATE_NOOP("Engine", "{what}: the stream cannot be opened"),
        ),
        (
            r"(?P<what>.+): the video cannot be opened",
            QT_TRANSLATE_NOOP("Engine", "{what}: the video cannot be opened"),
        ),
        (r"(?P<what>.+): no such video file", QT_TRANSLATE_NOOP("Engine", "{what}: no such video file")),
        (r"(?P<what>.+): no frame could be decoded", QT_TRANSLATE_NOOP("Engine", "{what}: no frame could be decoded")),
        (
            r"(?P<what>.+): no frame \(disconnected\?\)",
            QT_TRANSLATE_NOOP("Engine", "{what}: no picture (disconnected?)"),
        ),
        (  # the log's line calibration events (the shift report's table of threshold changes)
            r"(?P<using>line|conservative|samples|off) threshold (?P<value>[\d.]+) \((?P<state>\w+), "
            r"(?P<parts>\d+)/(?P<of>\d+) parts\)",
            QT_TRANSLATE_NOOP("Engine", "{using} threshold {value} ({state}, {parts} of {of} parts)"),
        ),
        (
            r"there is a product named '(?P<name>.+)' already: switch to it \(Line > Product\.\.\.\)",
            QT_TRANSLATE_NOOP("Engine", "there is a product named {name} already: switch to it (Line > Product...)"),
        ),
        (r"no product named '(?P<name>.+)'", QT_TRANSLATE_NOOP("Engine", "no product named {name}")),
        (
            r"(?P<what>.+): not a readable list of products \((?P<why>.+)\)",
            QT_TRANSLATE_NOOP("Engine", "{what}: not a readable list of products ({why})"),
        ),
        (
            r"(?P<what>.+): cannot write the list of products \((?P<why>.+)\)",
            QT_TRANSLATE_NOOP("Engine", "{what}: cannot write the list of products ({why})"),
        ),
        (
            r"folder (?P<what>.+): all (?P<n>\d+) photos were judged before \(a replay judges them again\)",
            QT_TRANSLATE_NOOP(
                "Engine", "folder {what}: all {n} photos were judged before (File > Replay folder judges them again)"
            ),
        ),
        (
            r"folder (?P<what>.+): no more photos \((?P<n>\d+) were judged before this start\)",
            QT_TRANSLATE_NOOP("Engine", "folder {what}: every photo has been judged ({n} of them before this start)"),
        ),
        (
            r"folder (?P<what>.+): waiting for new photos \((?P<n>\d+) judged\)",
            QT_TRANSLATE_NOOP("Engine", "folder {what}: waiting for new photos ({n} judged so far)"),
        ),
        (
            r"folder (?P<what>.+): no more frames",
            QT_TRANSLATE_NOOP("Engine", "folder {what}: every picture has been judged"),
        ),
        (r"(?P<what>.+): no more frames", QT_TRANSLATE_NOOP("Engine", "{what}: the video has ended")),
        (
            r"(?P<what>.+): not there \(is the drive or share connected\?\)",
            QT_TRANSLATE_NOOP("Engine", "{what}: not there (is the drive or share connected?)"),
        ),
        (r"(?P<what>.+): no such folder", QT_TRANSLATE_NOOP("Engine", "{what}: no such folder")),
        (r"(?P<what>.+): no images \((?P<kinds>.+)\)", QT_TRANSLATE_NOOP("Engine", "{what}: no images ({kinds})")),
        (
            r"(?P<what>.+): none of the images can be read",
            QT_TRANSLATE_NOOP("Engine", "{what}: none of the images can be read"),
        ),
        (
            r"(?P<what>.+): no such camera, file, folder or stream",
            QT_TRANSLATE_NOOP("Engine", "{what}: no such camera, file, folder or stream"),
        ),
        (
            r"(?P<what>.+): the demo line's seed must be a whole number",
            QT_TRANSLATE_NOOP("Engine", "{what}: the demo line's seed must be a whole number"),
        ),
        (r"(?P<what>.+): not open", QT_TRANSLATE_NOOP("Engine", "{what}: not open")),
        (r"trying again in (?P<s>[\d.]+) s", QT_TRANSLATE_NOOP("Engine", "trying again in {s} s")),
        (
            r"(?P<what>.+): a grey picture, but the model was trained on colour ones: its verdict is unreliable "
            r"\(train a model on grey samples, or give colour pictures\)",
            QT_TRANSLATE_NOOP(
                "Engine",
                "{what}: a grey picture, but the model was trained on colour ones: its "
                "verdict is unreliable (train a model on grey samples, or give colour pictures)",
            ),
        ),
        (
            r"(?P<what>.+): the region inspected is (?P<w>\d+)x(?P<h>\d+) pixels, squashed into the model's "
            r"(?P<s>\d+)x(?P=s) square: parts look distorted and may be judged wrongly \(make the region closer to "
            r"square, around the part\)",
            QT_TRANSLATE_NOOP(
                "Engine",
                "{what}: the region inspected is {w}x{h} pixels, squashed into the model's "
                "{s}x{s} square: parts look distorted and may be judged wrongly (make the region "
                "closer to square, around the part)",
            ),
        ),
        (
            r"(?P<what>.+): reconnected after (?P<s>\d+) s without frames",
            QT_TRANSLATE_NOOP("Engine", "{what}: reconnected after {s} s without frames"),
        ),
        (
            r"reconnected after (?P<s>\d+) s without frames",
            QT_TRANSLATE_NOOP("Engine", "reconnected after {s} s without frames"),
        ),
        (
            r"a grey picture, but the model was trained on colour ones: its verdict is unreliable \(train a model on "
            r"grey samples, or give colour pictures\)",
            QT_TRANSLATE_NOOP(
                "Engine",
                "a grey picture, but the model was trained on colour ones: its verdict is "
                "unreliable (train a model on grey samples, or give colour pictures)",
            ),
        ),
        (
            r"the region inspected is (?P<w>\d+)x(?P<h>\d+) pixels, squashed into the model's (?P<s>\d+)x(?P=s) "
            r"square: parts look distorted and may be judged wrongly \(make the region closer to square, around the "
            r"part\)",
            QT_TRANSLATE_NOOP(
                "Engine",
                "the region inspected is {w}x{h} pixels, squashed into the model's {s}x{s} "
                "square: parts look distorted and may be judged wrongly (make the region closer to "
                "square, around the part)",
            ),
        ),
        (
            r"(?P<what>.+): the region inspected is (?P<w>\d+)x(?P<h>\d+) pixels, but the model was trained on "
            r"pictures shaped (?P<r>[\d.]+):1 \(width:height\): parts are stretched differently from the samples and "
            r"good ones may alarm \(draw the region in the samples' shape, or retrain on samples of this region\)",
            QT_TRANSLATE_NOOP(
                "Engine",
                "{what}: the region inspected is {w}x{h} pixels, but the model was trained on pictures shaped "
                "{r}:1 (width:height): parts are stretched differently from the samples and good ones may alarm "
                "(draw the region in the samples' shape, or retrain on samples of this region)",
            ),
        ),
        (
            r"the region inspected is (?P<w>\d+)x(?P<h>\d+) pixels, but the model was trained on pictures shaped "
            r"(?P<r>[\d.]+):1 \(width:height\): parts are stretched differently from the samples and good ones may "
            r"alarm \(draw the region in the samples' shape, or retrain on samples of this region\)",
            QT_TRANSLATE_NOOP(
                "Engine",
                "the region inspected is {w}x{h} pixels, but the model was trained on pictures shaped {r}:1 "
                "(width:height): parts are stretched differently from the samples and good ones may alarm (draw "
                "the region in the samples' shape, or retrain on samples of this region)",
            ),
        ),
        # samples
        (r"no part in the region", QT_TRANSLATE_NOOP("Engine", "no part in the region")),
        (r"the part is not wholly in the region", QT_TRANSLATE_NOOP("Engine", "the part is not wholly in the region")),
        (r"the part is moving", QT_TRANSLATE_NOOP("Engine", "the part is moving")),
        (
            r"over-exposed: (?P<share>\d+%) of the region is blown out, mean level (?P<level>\d+) of 255",
            QT_TRANSLATE_NOOP("Engine", "over-exposed: {share} of the region is blown out, mean level {level} of 255"),
        ),
        (
            r"under-exposed: mean level (?P<level>\d+) of 255, (?P<share>\d+%) of the region black",
            QT_TRANSLATE_NOOP("Engine", "under-exposed: mean level {level} of 255, {share} of the region black"),
        ),
        (
            r"blurred: sharpness (?P<sharp>\d+), at least (?P<floor>\d+) needed",
            QT_TRANSLATE_NOOP("Engine", "blurred: sharpness {sharp}, at least {floor} needed"),
        ),
        (r"a near-duplicate of a stored sample", QT_TRANSLATE_NOOP("Engine", "a near-duplicate of a stored sample")),
        (r"no picture from the line yet", QT_TRANSLATE_NOOP("Engine", "no picture from the line yet")),
        (r"the part has no region to store", QT_TRANSLATE_NOOP("Engine", "the part has no region to store")),
        (
            r"the model calls this (?P<v>\w+) \(score (?P<score>[\d.]+) x threshold\)",
            QT_TRANSLATE_NOOP("Engine", "the model calls this {v} (score {score} x threshold)"),
        ),
        (
            r"part (?P<n>\d+): the model calls it (?P<v>\w+) \(score (?P<score>[\d.]+) x threshold\)",
            QT_TRANSLATE_NOOP("Engine", "part {n}: the model calls it {v} (score {score} x threshold)"),
        ),
        # the inspection log
        (r"(?P<what>.+): only (?P<mb>\d+) MB free", QT_TRANSLATE_NOOP("Engine", "{what}: only {mb} MB free")),
        (
            r"NG pictures are not saved below (?P<mb>\d+) MB, every part is still logged",
            QT_TRANSLATE_NOOP("Engine", "NG pictures are not saved below {mb} MB, every part is still logged"),
        ),
        (
            r"(?P<what>.+): cannot save the pictures of (?P<v>NG|WARN|OK) part (?P<n>\d+) \((?P<os>.+)\)",
            QT_TRANSLATE_NOOP("Engine", "{what}: cannot save the pictures of {v} part {n} ({os})"),
        ),
        (r"every part is still logged", QT_TRANSLATE_NOOP("Engine", "every part is still logged")),
        # training and the check
        (r"a training is already running", QT_TRANSLATE_NOOP("Engine", "a training is already running")),
        (
            r"this line bundle inspects without TensorFlow, which training needs: train with the full installation, "
            r"then open the model here \(File > Open model\)",
            QT_TRANSLATE_NOOP(
                "Engine",
                "this line bundle inspects without TensorFlow, which training needs: train with the full "
                "installation, then open the model here (File > Open model)",
            ),
        ),
        (
            r"(?P<n>\d+) more good samples? needed \((?P<all>\d+) in all\)",
            QT_TRANSLATE_NOOP("Engine", "{n} more good samples needed ({all} in all)"),
        ),
        (
            r"train a new model on (?P<n>\d+) good samples",
            QT_TRANSLATE_NOOP("Engine", "train a new model on {n} good samples"),
        ),
        (r"the line goes on meanwhile", QT_TRANSLATE_NOOP("Engine", "the line goes on meanwhile")),
        (r"training cancelled", QT_TRANSLATE_NOOP("Engine", "training cancelled")),
        (r"the active model is unchanged", QT_TRANSLATE_NOOP("Engine", "the active model is unchanged")),
        (r"the old model stays", QT_TRANSLATE_NOOP("Engine", "the old model stays")),
        (
            r"the new model was not activated: (?P<why>.+)",
            QT_TRANSLATE_NOOP("Engine", "the new model was not activated: {why}"),
        ),
        (
            r"it alarms on (?P<a>\d+) of (?P<n>\d+) held-out good samples \((?P<rate>\d+%)\)",
            QT_TRANSLATE_NOOP("Engine", "it alarms on {a} of {n} held-out good samples ({rate})"),
        ),
        (r"at most (?P<rate>\d+%) is allowed", QT_TRANSLATE_NOOP("Engine", "at most {rate} is allowed")),
        (
            r"new model (?P<name>\S+) active after (?P<s>\d+) s: (?P<why>.+)",
            QT_TRANSLATE_NOOP("Engine", "new model {name} active after {s} s: {why}"),
        ),
        # what a new model can see, estimated on test defects made from the samples (core/model/choice.py)
        (
            r"it catches (?P<c>\d+) of (?P<n>\d+) test defects made from your samples, at 1% false alarms",
            QT_TRANSLATE_NOOP(
                "Engine", "it catches {c} of {n} test defects made from your samples, at 1% false alarms"
            ),
        ),
        (
            r"(?P<c>\d+) of the (?P<n>\d+) clearly visible ones",
            QT_TRANSLATE_NOOP("Engine", "{c} of the {n} clearly visible ones"),
        ),
        (
            r"the smallest it catches is (?P<px>\d+) pixels",
            QT_TRANSLATE_NOOP("Engine", "the smallest it catches is {px} pixels"),
        ),
        (
            r"it may be blind to small defects of this product",
            QT_TRANSLATE_NOOP("Engine", "it may be blind to small defects of this product"),
        ),
        (
            r"more samples or a region closer around the product help",
            QT_TRANSLATE_NOOP("Engine", "more samples or a region closer around the product help"),
        ),
        (
            r"(?P<a>\d+) of (?P<n>\d+) held-out good samples over the threshold \((?P<rate>\d+%)\)",
            QT_TRANSLATE_NOOP("Engine", "{a} of {n} held-out good samples over the threshold ({rate})"),
        ),
        (
            r"it alarms on (?P<a>\d+) of (?P<n>\d+) good samples scored out of fold \((?P<rate>\d+%)\)",
            QT_TRANSLATE_NOOP("Engine", "it alarms on {a} of {n} good samples scored out of fold ({rate})"),
        ),
        (
            r"(?P<a>\d+) of (?P<n>\d+) good samples scored out of fold over the threshold \((?P<rate>\d+%)\)",
            QT_TRANSLATE_NOOP("Engine", "{a} of {n} good samples scored out of fold over the threshold ({rate})"),
        ),
        (
            r"the saved model does not score its samples as it did when trained \(off by (?P<off>[\d.]+%) of its "
            r"threshold\): it is not the model that was calibrated",
            QT_TRANSLATE_NOOP(
                "Engine",
                "the saved model does not score its samples as it did when trained (off by "
                "{off} of its threshold): it is not the model that was calibrated",
            ),  # fmt: skip
        ),
        (
            r"the training process was stopped or crashed",
            QT_TRANSLATE_NOOP("Engine", "the training process was stopped or crashed"),
        ),
        (r"training failed: (?P<why>.+)", QT_TRANSLATE_NOOP("Engine", "training failed: {why}")),
        (
            r"too few training steps for this network: (?P<n>\d+) training images x (?P<e>\d+) epoch\(s\) at batch "
            r"(?P<b>\d+) are (?P<s>\d+) steps, and the (?P<arch>\S+) network needs about (?P<f>\d+) before its output "
            r"follows its input \(now it gives every image almost the same picture, (?P<p>\d+%) of their spread\), so "
            r"it would not see defects",
            QT_TRANSLATE_NOOP(
                "Engine",
                "too few training steps for this network: {n} training images x {e} epoch(s) "
                "at batch {b} are {s} steps, and the {arch} network needs about {f} before its output "
                "follows its input (now it gives every image almost the same picture, {p} of their "
                "spread), so it would not see defects",
            ),
        ),
        (
            r"nothing was written\. Train for --epochs (?P<k>\d+) or more, or give more samples",
            QT_TRANSLATE_NOOP("Engine", "nothing was written. Train for --epochs {k} or more, or give more samples"),
        ),
        (
            r"(?P<what>.+): cannot write the model bundle \((?P<os>.+)\)",
            QT_TRANSLATE_NOOP("Engine", "{what}: cannot write the model bundle ({os})"),
        ),
        (r"no model was written", QT_TRANSLATE_NOOP("Engine", "no model was written")),
        (
            r"the bundle already there is unchanged",
            QT_TRANSLATE_NOOP("Engine", "the bundle already there is unchanged"),
        ),
        (
            r"the trainer could not start \((?P<why>.+)\)",
            QT_TRANSLATE_NOOP("Engine", "the trainer could not start ({why})"),
        ),
        (
            r"the new model could not be activated: (?P<why>.+)",
            QT_TRANSLATE_NOOP("Engine", "the new model could not be activated: {why}"),
        ),
        (r"the check failed: (?P<why>.+)", QT_TRANSLATE_NOOP("Engine", "the check failed: {why}")),
        (
            r"(?P<what>.+): not a model bundle(?P<rest>.*)",
            QT_TRANSLATE_NOOP("Engine", "{what}: not a model bundle{rest}"),
        ),
        (
            r"(?P<what>.+): cannot be loaded as a Keras model \((?P<why>.+)\)",
            QT_TRANSLATE_NOOP("Engine", "{what}: cannot be loaded as a Keras model ({why})"),
        ),
        (
            r"(?P<what>.+): not valid JSON \((?P<why>.+)\)",
            QT_TRANSLATE_NOOP("Engine", "{what}: not valid JSON ({why})"),
        ),
        (
            r"(?P<what>.+): damaged or not a Keras model \(a \.keras file is a zip archive, this one is truncated or "
            r"something else\)",
            QT_TRANSLATE_NOOP("Engine", "{what}: damaged or not a Keras model file"),
        ),
        (
            r"(?P<what>.+): this model needs TensorFlow, which is not installed here",
            QT_TRANSLATE_NOOP("Engine", "{what}: this model needs TensorFlow, which is not installed here"),
        ),
        (
            r"the line bundle runs models that carry a LiteRT export \(cookie-inspector export, run where TensorFlow "
            r"is installed, adds one\)",
            QT_TRANSLATE_NOOP(
                "Engine",
                "the line bundle runs models that carry a LiteRT export (cookie-inspector "
                "export, run where TensorFlow is installed, adds one)",
            ),
        ),
        (r"(?P<what>.+): missing", QT_TRANSLATE_NOOP("Engine", "{what}: missing")),
        (r"(?P<what>.+) is not a model bundle", QT_TRANSLATE_NOOP("Engine", "{what} is not a model bundle")),
    )
]


_SOURCE_NAMES: list[tuple[re.Pattern, str]] = [
    (re.compile(p), t)
    for p, t in (
        (r"camera (?P<index>\d+)", QT_TRANSLATE_NOOP("Engine", "camera {index}")),
        (r"folder (?P<path>.+)", QT_TRANSLATE_NOOP("Engine", "folder {path}")),
        (
            r"demo line \(seed (?P<seed>-?\d+), (?P<size>\d+x\d+) at (?P<fps>[\d.]+) fps\)",
            QT_TRANSLATE_NOOP("Engine", "demo line (seed {seed}, {size} at {fps} fps)"),
        ),
    )
]


def source_name(description: str) -> str:
    """A source's name (``camera 7``, ``folder /data/tiles``, the demo line) in the window's language; a file or a
    stream's address stays as it is."""
    for pattern, template in _SOURCE_NAMES:
        match = pattern.fullmatch(description)
        if match:
            return QCoreApplication.translate(CONTEXT, template).format(**match.groupdict())
    return description


WORDS = ("using", "state")
"""Parts of a pattern that are one of a few words, each translated on its own (see :data:`_WORD_TEXTS`)."""
_WORD_TEXTS = (QT_TRANSLATE_NOOP("Engine", "line"), QT_TRANSLATE_NOOP("Engine", "conservative"),
               QT_TRANSLATE_NOOP("Engine", "samples"), QT_TRANSLATE_NOOP("Engine", "off"),
               QT_TRANSLATE_NOOP("Engine", "calibrating"), QT_TRANSLATE_NOOP("Engine", "calibrated"))  # fmt: skip


def _part(key: str, value: str) -> str:
    if key == "why":
        return translate_clause(value)[0]
    if key == "what":
        return source_name(value)
    return QCoreApplication.translate(CONTEXT, value) if key in WORDS else value


def translate_clause(clause: str) -> tuple[str, bool]:
    """(the clause in the window's language, whether a pattern knew it)."""
    for pattern, template in _PATTERNS:
        match = pattern.fullmatch(clause)
        if match:
            translated = QCoreApplication.translate(CONTEXT, template)
            if translated == template:  # English: the engine's own words, exactly (its singulars included)
                return clause, True
            parts = {key: _part(key, value) for key, value in match.groupdict().items()}
            return translated.format(**parts), True
    return clause, False


def shown_ratio(value: float) -> float:
    """A score as a multiple of the threshold, for two decimals: below the threshold it is cut, never rounded up,
    so a WARN part at 0.999 reads 0.99 and never 1.00 (the threshold an NG part reaches)."""
    return math.floor(value * 100) / 100 if 0 <= value < 1 else value


def engine_text(message: str) -> str:
    """An engine message in the window's language, clause by clause; unknown clauses stay as they are."""
    if not message:
        return message
    separator = QCoreApplication.translate("Engine", "; ")
    return separator.join(translate_clause(clause)[0] for clause in str(message).split("; "))


def unknown_clauses(message: str) -> list[str]:
    """The clauses of ``message`` that no pattern knows (for the tests)."""
    return [clause for clause in str(message).split("; ") if not translate_clause(clause)[1]]
