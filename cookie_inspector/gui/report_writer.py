"""The shift report laid out in the window's language: an HTML page (its plots and pictures inside it) or a PDF
printed by Qt (``QTextDocument`` on a ``QPdfWriter``: no other dependency), with the CSV of the parts beside it."""

from __future__ import annotations

import base64
import html
import math
import os
import tempfile
from pathlib import Path

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QObject, QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from cookie_inspector.core.frames.imageio import read_image, write_bytes_atomic
from cookie_inspector.core.line.report import ShiftReport, write_parts_csv
from cookie_inspector.core.line.review import interval
from cookie_inspector.core.model.choice import describe
from cookie_inspector.gui.live_view import bgr_to_qimage
from cookie_inspector.gui.messages import engine_text, shown_ratio

PLOT_SIZE = (900, 260)
PICTURE_SIDE = 200
FORMATS = (".pdf", ".html", ".htm")


class ReportError(Exception):
    """The report could not be written (an unknown format, a folder that refuses it, a full disk)."""


def _png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def _tag(tag: str, text: str) -> str:
    return f"<{tag}>{html.escape(text)}</{tag}>"


class ReportWriter(QObject):
    """Lays out a :class:`ShiftReport` and writes it as PDF or HTML (chosen by the file's suffix)."""

    def when(self, iso: str | None) -> str:
        return (iso or "-")[:19].replace("T", " ")

    def sees(self, estimate: dict | None) -> str:
        """A model's recorded estimate of what it can see, in the report's language ("-" without one)."""
        return engine_text(describe(estimate)) if estimate else "-"

    # -- plots ------------------------------------------------------------------------------------------------
    def _canvas(self) -> tuple[QImage, QPainter]:
        image = QImage(*PLOT_SIZE, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont()
        font.setPixelSize(13)
        painter.setFont(font)
        return image, painter

    def hourly_plot(self, report: ShiftReport) -> QImage:
        """NG share per hour as bars (the parts of each hour under its bar)."""
        image, painter = self._canvas()
        width, height = PLOT_SIZE
        left, right, top, bottom = 56, 16, 16, 46
        hours = report.hourly or []
        shares = [ng / parts if parts else 0.0 for _, parts, ng in hours]
        top_share = max(0.1, math.ceil(max(shares, default=0.0) * 10) / 10)
        painter.setPen(QPen(QColor("#888888")))
        for i in range(5):
            share = top_share * i / 4
            y = height - bottom - (height - top - bottom) * share / top_share
            painter.drawLine(QPointF(left, y), QPointF(width - right, y))
            painter.drawText(QRectF(0, y - 9, left - 6, 18), Qt.AlignmentFlag.AlignRight, f"{share * 100:.3g}%")
        span = (width - left - right) / max(1, len(hours))
        for i, ((start, parts, _), share) in enumerate(zip(hours, shares, strict=True)):
            x = left + i * span
            bar = (height - top - bottom) * share / top_share
            painter.fillRect(QRectF(x + span * 0.15, height - bottom - bar, span * 0.7, bar), QColor("#d02020"))
            painter.setPen(QPen(QColor("#333333")))
            if len(hours) <= 24 or i % math.ceil(len(hours) / 24) == 0:
                painter.drawText(QRectF(x, height - bottom + 4, span, 18), Qt.AlignmentFlag.AlignHCenter,
                                 start[11:16])  # fmt: skip
                painter.drawText(QRectF(x, height - bottom + 22, span, 18), Qt.AlignmentFlag.AlignHCenter, str(parts))
        painter.end()
        return image

    def score_plot(self, report: ShiftReport) -> QImage:
        """The parts' scores (log scale, 1 = the threshold) with the threshold and WARN lines."""
        image, painter = self._canvas()
        width, height = PLOT_SIZE
        left, right, top, bottom = 56, 16, 16, 30
        edges, counts = report.score_edges, report.score_counts
        if not counts:
            painter.end()
            return image
        low, high = math.log10(edges[0]), math.log10(edges[-1])

        def x_of(value: float) -> float:
            return left + (width - left - right) * (math.log10(value) - low) / (high - low)

        peak = 4 * math.ceil(max(1, max(counts)) / 4)  # whole numbers on the four grid lines
        painter.setPen(QPen(QColor("#888888")))
        for i in range(5):
            count = peak * i / 4
            y = height - bottom - (height - top - bottom) * i / 4
            painter.drawLine(QPointF(left, y), QPointF(width - right, y))
            painter.drawText(QRectF(0, y - 9, left - 6, 18), Qt.AlignmentFlag.AlignRight, f"{count:.0f}")
        for start, end, count in zip(edges, edges[1:], counts, strict=False):
            bar = (height - top - bottom) * count / peak
            colour = "#d02020" if start >= 1.0 else "#c08000" if report.rates.warn_ratio and start >= \
                report.rates.warn_ratio else "#2f8a4f"  # fmt: skip
            painter.fillRect(QRectF(x_of(start) + 1, height - bottom - bar, x_of(end) - x_of(start) - 2, bar),
                             QColor(colour))  # fmt: skip
        for value in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100):
            if edges[0] <= value <= edges[-1]:
                painter.setPen(QPen(QColor("#333333")))
                painter.drawText(QRectF(x_of(value) - 30, height - bottom + 6, 60, 18), Qt.AlignmentFlag.AlignHCenter,
                                 f"{value:g}")  # fmt: skip
        for value, colour in ((1.0, "#d02020"), (report.rates.warn_ratio, "#e0a000")):
            if value:
                pen = QPen(QColor(colour), 2, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawLine(QPointF(x_of(value), top), QPointF(x_of(value), height - bottom))
        painter.end()
        return image

    def part_picture(self, report: ShiftReport, name: str | None) -> QImage | None:
        if not name:
            return None
        try:
            image = read_image(report.folder / name)
        except Exception:  # noqa: BLE001 - a picture thinned or damaged: the report goes on without it
            return None
        qimage = bgr_to_qimage(np.ascontiguousarray(image)).copy()
        return qimage.scaled(PICTURE_SIDE, PICTURE_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)  # fmt: skip

    # -- text -------------------------------------------------------------------------------------------------
    def period(self, report: ShiftReport) -> str:
        where = report.where
        if where.run:
            return self.tr("run {}").format(where.run)
        if where.since or where.until:
            return self.tr("from {} to {}").format(self.when(where.since), self.when(where.until or report.generated))
        return self.tr("every part in the log")

    def product_text(self, report: ShiftReport) -> str:
        """The first page's headline: which product, and what its model (the one that judged most of its parts)
        can see."""
        e = html.escape
        if report.product is None:
            return _tag("h2", self.tr("Every product"))
        lines = [_tag("h2", self.tr("Product: {}").format(report.product or self.tr("unnamed")))]
        if report.models:
            model = max(report.models, key=lambda m: m[1])[0]
            estimate = report.estimates.get(model)
            seen = self.sees(estimate) if estimate is not None else self.tr("not recorded")
            said = self.tr("model {}: {}").format(model, seen)
            lines.append(f"<p>{e(said)}</p>")
        return "".join(lines)

    def not_counted_text(self, report: ShiftReport) -> str:
        """The parts of the period left out of every figure, and why (empty when none were)."""
        said = []
        for reason, count in report.not_counted:
            if reason == "replay":
                said.append(self.tr("%n part(s) of a replay (a folder judged again)", "", count))
            elif reason == "teaching":
                said.append(self.tr("%n part(s) judged while a new product was taught", "", count))
            elif reason == "other stations":
                said.append(self.tr("%n part(s) of other stations", "", count))
            else:
                said.append(self.tr("%n part(s) of other products", "", count))
        return _tag("p", self.tr("Not counted: {}.").format(self.tr(", ").join(said))) if said else ""

    def kind_name(self, kind: str) -> str:
        names = {"model": self.tr("model"), "threshold": self.tr("threshold set"),
                 "calibration": self.tr("line calibration"), "source": self.tr("source"),
                 "signal lost": self.tr("signal lost"), "signal back": self.tr("signal back")}  # fmt: skip
        return names.get(kind, kind)

    def type_name(self, key: str) -> str:
        if key.startswith("defect:"):
            return self.tr("defect: {}").format(key.split(":", 1)[1])
        names = {"defect": self.tr("defect (no type given)"), "good": self.tr("labelled good (false alarm)"),
                 "unsure": self.tr("unsure"), "none": self.tr("not labelled")}  # fmt: skip
        return names.get(key, key)

    def detail(self, report: ShiftReport, event) -> str:
        """An event's detail as the report says it: a model of the data folder by its name alone (where it lies is
        the data folder's models), one from elsewhere with its place."""
        models = f" ({Path(report.folder) / 'models'}{os.sep}"
        if event.kind == "model" and models in event.detail:
            return event.detail.split(" (", 1)[0]
        return engine_text(event.detail)

    def how_name(self, how: str) -> str:
        names = {"operator": self.tr("in the window"), "OPC UA": self.tr("over OPC UA"),
                 "no operator": self.tr("no operator (headless run)"), "teaching": self.tr("teaching a new product"),
                 "earlier release": self.tr("under an earlier release"),
                 "pending": self.tr("still pending")}  # fmt: skip
        return names.get(how, how)

    def html(self, report: ShiftReport, source: dict[str, str]) -> str:
        """The report as HTML; ``source`` maps each image's name to what its ``src`` says (a data URI, or a
        resource name of the document)."""
        e = html.escape
        yield_text = f"{report.yield_share:.1%}" if report.yield_share is not None else "-"
        rows = [
            _tag("h1", self.tr("Shift report")),
            self.product_text(report),
            _tag("p", self.tr("Station: {}").format(report.where.station)) if report.where.station else "",
            f"<p>{e(self.period(report))}<br>",
            e(self.tr("parts from {} to {}").format(self.when(report.first), self.when(report.last))) + "<br>",
            e(self.tr("written {}  data folder {}").format(self.when(report.generated), report.folder)) + "</p>",
            _tag("h2", self.tr("Parts")),
            "<table border='1' cellspacing='0' cellpadding='4'><tr>"
            + "".join(f"<th>{e(h)}</th>" for h in (self.tr("parts"), "OK", "WARN", "NG", self.tr("yield")))
            + f"</tr><tr><td>{report.parts}</td><td>{report.ok}</td><td>{report.warn}</td><td>{report.ng}</td>"
            f"<td>{yield_text}</td></tr></table>",
            _tag("p", self.tr("Yield: the parts that passed (OK or WARN) of all parts.")),
            self.not_counted_text(report),
            _tag("h2", self.tr("NG parts by defect type (labels)")),
        ]
        if report.ng_by_type:
            rows.append("<table border='1' cellspacing='0' cellpadding='4'>" + "".join(
                f"<tr><td>{e(self.type_name(key))}</td><td>{count}</td></tr>" for key, count in report.ng_by_type)
                + "</table>")  # fmt: skip
        else:
            rows.append(_tag("p", self.tr("No NG parts.")))
        if report.missed_by_type:
            rows.append(_tag("h2", self.tr("Defective parts that passed (labels)")))
            rows.append("<table border='1' cellspacing='0' cellpadding='4'>" + "".join(
                f"<tr><td>{e(self.type_name(key))}</td><td>{count}</td></tr>" for key, count in report.missed_by_type)
                + "</table>")  # fmt: skip
        rows += [
            # the two plots on a page of their own, and the tables from the next one: a plot, its heading and its
            # caption never torn apart by a page's foot, however long the first page's lists
            f"<h2 style='page-break-before: always'>{e(self.tr('NG share per hour'))}</h2>",
            f"<p><img src='{source['hourly']}' width='{PLOT_SIZE[0] * 2 // 3}'><br>",
            e(self.tr("Bars: the share of NG parts in each hour; under them the hour and its parts.")) + "</p>",
            _tag("h2", self.tr("Score distribution")),
            f"<p><img src='{source['scores']}' width='{PLOT_SIZE[0] * 2 // 3}'><br>",
            e(
                self.tr(
                    "Parts by score as a multiple of the threshold (log scale); red dashes: the threshold, "
                    "orange: WARN."
                )
            )
            + "</p>",  # fmt: skip
            f"<h2 style='page-break-before: always'>{e(self.tr('Models and threshold changes'))}</h2>",
            "<table border='1' cellspacing='0' cellpadding='4'><tr>"
            + "".join(
                f"<th>{e(h)}</th>"
                for h in (
                    self.tr("model"),
                    self.tr("parts"),
                    self.tr("first part"),
                    self.tr("last part"),
                    self.tr("what it can see"),
                )
            )  # fmt: skip
            + "</tr>"
            + "".join(
                f"<tr><td>{e(m)}</td><td>{n}</td><td>{self.when(a)}</td><td>{self.when(b)}</td>"
                f"<td>{e(self.sees(report.estimates.get(m)))}</td></tr>"
                for m, n, a, b in report.models
            )  # fmt: skip
            + "</table>",
        ]
        if report.threshold_events:
            rows.append("<p></p><table border='1' cellspacing='0' cellpadding='4'><tr>" + "".join(
                f"<th>{e(h)}</th>" for h in (self.tr("time"), self.tr("what"), self.tr("detail"), self.tr("who")))
                + "</tr>" + "".join(
                f"<tr><td>{self.when(ev.time)}</td><td>{e(self.kind_name(ev.kind))}</td>"
                f"<td>{e(self.detail(report, ev))}</td>"
                f"<td>{e(ev.who or '-')}</td></tr>" for ev in report.threshold_events) + "</table>")  # fmt: skip
        else:
            rows.append(_tag("p", self.tr("No threshold change was logged in this period.")))
        rows.append(_tag("h2", self.tr("Time without signal")))
        rows.append("<p>" + e(self.tr("{:.0f} s without a picture in {} interruption(s)").format(
            report.seconds_without_signal, len(report.outages))) + "</p>")  # fmt: skip
        not_back = self.tr("not back")
        if report.outages:
            rows.append(
                "<table border='1' cellspacing='0' cellpadding='4'>"
                + "".join(
                    f"<tr><td>{self.when(o.lost)}</td>"
                    f"<td>{self.when(o.back) if o.back else e(not_back)}</td>"
                    f"<td>{o.seconds:.0f} s</td><td>{e(o.detail)}</td></tr>"
                    for o in report.outages
                )
                + "</table>"
            )
        rows.append(_tag("h2", self.tr("Alarms and their acknowledgements")))
        if report.acknowledgements:
            rows.append("<table border='1' cellspacing='0' cellpadding='4'>" + "".join(
                f"<tr><td>{e(self.how_name(how))}</td><td>{count}</td></tr>"
                for how, count in report.acknowledgements) + "</table>")  # fmt: skip
        else:
            rows.append(_tag("p", self.tr("No alarms.")))
        rows.append(_tag("h2", self.tr("Measured rates (from the labels)")))
        rows.append(f"<p>{self.rates_text(report)}</p>")
        rows.append(_tag("h2", self.tr("Top NG parts")))
        part_word = self.tr("part {}")
        if report.top_ng:
            cells = []
            for i, part in enumerate(report.top_ng):
                size = self._picture_size(f"ng{i}", PICTURE_SIDE * 2 // 3)
                image = f"<img src='{source[f'ng{i}']}' {size}><br>" if f"ng{i}" in source else ""
                label = f"<br>{e(self.type_name('defect:' + part.defect_type if part.defect_type else part.label))}" \
                    if part.label else ""  # fmt: skip
                score = shown_ratio(part.normalized_score)
                cells.append(f"<td align='center'>{image}{e(part_word.format(part.part))}<br>"
                             f"{score:.2f} x<br>{self.when(part.time)}{label}</td>")  # fmt: skip
            rows.append("<table cellspacing='0' cellpadding='4'><tr>" + "".join(cells[:3]) + "</tr><tr>"
                        + "".join(cells[3:]) + "</tr></table>")  # fmt: skip
        else:
            rows.append(_tag("p", self.tr("No NG part with pictures.")))
        return "<html><head><meta charset='utf-8'><title>" + e(self.tr("Shift report")) + "</title></head><body>" \
            + "\n".join(rows) + "</body></html>"  # fmt: skip

    def rates_text(self, report: ShiftReport) -> str:
        rates = report.rates
        if not rates.labelled_good and not rates.labelled_defect:
            return html.escape(self.tr("No part of this period is labelled: nothing is measured yet."))
        lines = [html.escape(self.tr("{} good and {} defective parts labelled ({} unsure).").format(
            rates.labelled_good, rates.labelled_defect, rates.unsure))]  # fmt: skip
        for count, total, name in ((rates.false_alarms, rates.labelled_good, self.tr("false alarms")),
                                   (rates.misses, rates.labelled_defect, self.tr("misses"))):  # fmt: skip
            if total:
                low, high = interval(count, total)
                lines.append(html.escape(self.tr("{}: {} of {} ({:.0%}; 95% between {:.0%} and {:.0%})").format(
                    name, count, total, count / total, low, high)))  # fmt: skip
        return "<br>".join(lines)

    # -- writing ----------------------------------------------------------------------------------------------
    def images(self, report: ShiftReport) -> dict[str, QImage]:
        found = {"hourly": self.hourly_plot(report), "scores": self.score_plot(report)}
        for i, part in enumerate(report.top_ng):
            picture = self.part_picture(report, part.overlay)
            if picture is not None:
                found[f"ng{i}"] = picture
        self._sizes = {name: (image.width(), image.height()) for name, image in found.items()}
        return found

    def _picture_size(self, name: str, longest: int) -> str:
        """The ``width`` and ``height`` of a picture in the document, its longer side ``longest``: both given, so
        that no layout squashes a long part square."""
        width, height = getattr(self, "_sizes", {}).get(name, (longest, longest))
        scale = longest / max(width, height, 1)
        return f"width='{max(1, round(width * scale))}' height='{max(1, round(height * scale))}'"

    def write(self, report: ShiftReport, path: Path) -> Path:
        """Write the report to ``path`` (.pdf or .html) and the parts' CSV beside it; the CSV's path. Raises
        :class:`ReportError`."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in FORMATS:
            raise ReportError(f"{path}: a report is a .pdf or an .html file")
        images = self.images(report)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if suffix == ".pdf":
                self._write_pdf(report, images, path)
            else:
                source = {name: "data:image/png;base64," + base64.b64encode(_png(image)).decode()
                          for name, image in images.items()}  # fmt: skip
                write_bytes_atomic(path, self.html(report, source).encode("utf-8"))
            csv_path = path.with_suffix(".csv")
            write_parts_csv(report.folder, csv_path, report.where)
        except OSError as exc:
            raise ReportError(f"{exc.filename or path}: cannot write the report ({exc.strerror or exc})") from exc
        return csv_path

    def _write_pdf(self, report: ShiftReport, images: dict[str, QImage], path: Path) -> None:
        document = QTextDocument()
        font = QFont()
        font.setPointSize(10)
        document.setDefaultFont(font)
        for name, image in images.items():
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"report://{name}"), image)
        document.setHtml(self.html(report, {name: f"report://{name}" for name in images}))
        handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".pdf", dir=path.parent)
        os.close(handle)
        try:
            writer = QPdfWriter(temporary)
            writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
            writer.setResolution(150)
            writer.setTitle(self.tr("Shift report"))
            writer.setCreator("Cookie Inspector")
            document.print_(writer)
            if Path(temporary).stat().st_size == 0:
                raise OSError(28, "nothing was written (is the disk full?)", str(path))
            os.chmod(temporary, 0o644)  # a report is for others to read, as every file the app writes
            os.replace(temporary, path)
        finally:
            Path(temporary).unlink(missing_ok=True)
