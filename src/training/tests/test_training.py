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


def test_selected_weights_are_the_best_epochs(tmp_path):
    train, val = data()
    s = stage()
    result = fit(s, train, val, epochs=3, batch_size=16, run_dir=tmp_path, seed=0, quiet=True)
    with open(tmp_path / "gan" / "epochs.csv") as fh:
        criteria = [float(row[1]) for row in csv.reader(fh)]
    assert result.best_epoch == 1 + criteria.index(min(criteria))
    assert abs(s.criterion(val) - min(criteria)) < 1e-3 * min(criteria)
