"""Training: checkpoints every epoch, resume after a kill gives the same model, selection by a validation criterion."""
import csv

import torch

from anogan_train.nets import DCGANDiscriminator, DCGANGenerator
from anogan_train.search import SearchConfig
from anogan_train.training import GANStage, fit


def stage():
    torch.manual_seed(0)
    return GANStage(DCGANGenerator(8, 1, 16, 4), DCGANDiscriminator(1, 16, 4), 2e-4, 0.9, SearchConfig(),
                    criterion_steps=2, criterion_patches=8)


def data():
    gen = torch.Generator().manual_seed(1)
    return torch.rand(64, 1, 16, 16, generator=gen) * 2 - 1, torch.rand(8, 1, 16, 16, generator=gen) * 2 - 1


def test_resume_after_interruption_reproduces_the_uninterrupted_run(tmp_path):
    train, val = data()
    straight = stage()
    fit(straight, train, val, epochs=3, batch_size=16, run_dir=tmp_path / "a", seed=3, quiet=True)
    interrupted = stage()
    fit(interrupted, train, val, epochs=1, batch_size=16, run_dir=tmp_path / "b", seed=3, quiet=True)
    resumed = stage()  # a new process: fresh modules, state comes from the checkpoint
    fit(resumed, train, val, epochs=3, batch_size=16, run_dir=tmp_path / "b", seed=3, quiet=True)
    for name in ("generator", "discriminator"):
        for a, b in zip(straight.modules[name].state_dict().values(), resumed.modules[name].state_dict().values()):
            assert torch.equal(a, b)
    with open(tmp_path / "b" / "gan" / "epochs.csv") as fh:
        assert [row[0] for row in csv.reader(fh)] == ["0", "1", "2"]


def epochs(run_dir):
    with open(run_dir / "gan" / "epochs.csv") as fh:
        return [(float(row[1]), row[3] == "1") for row in csv.reader(fh)]


def test_selected_weights_are_the_best_healthy_epochs(tmp_path):
    train, val = data()
    s = stage()
    result = fit(s, train, val, epochs=3, batch_size=16, run_dir=tmp_path, seed=0, quiet=True)
    rows = epochs(tmp_path)
    eligible = [c for c, healthy in rows if healthy] or [c for c, _ in rows]
    assert result.best_epoch == 1 + [c for c, _ in rows].index(min(eligible))
    assert abs(s.criterion(val) - min(eligible)) < 1e-3 * min(eligible)


class CollapsedAtFirst(GANStage):
    """Its first two epochs count as collapsed, whatever their criterion."""

    epochs_seen = 0

    def healthy(self, validation):
        self.epochs_seen += 1
        return self.epochs_seen > 2

    def criterion(self, validation):
        return [1.0, 2.0, 5.0, 4.0][self.epochs_seen]


def test_a_collapsed_epoch_is_not_selected_over_a_healthy_one_with_a_worse_criterion(tmp_path):
    train, val = data()
    torch.manual_seed(0)
    s = CollapsedAtFirst(DCGANGenerator(8, 1, 16, 4), DCGANDiscriminator(1, 16, 4), 2e-4, 0.9, SearchConfig(),
                         criterion_steps=2, criterion_patches=8)
    result = fit(s, train, val, epochs=4, batch_size=16, run_dir=tmp_path, seed=0, quiet=True)
    assert [healthy for _, healthy in epochs(tmp_path)] == [False, False, True, True]
    assert result.best_epoch == 4 and result.best_criterion == 4.0  # epoch 1's 1.0 was collapsed
