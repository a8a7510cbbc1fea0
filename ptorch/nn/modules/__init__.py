"""The layers of ptorch.nn, one module per family."""
from ..module import Module  # noqa: F401
from .linear import Linear, Bilinear  # noqa: F401
from .conv import Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d, \
    ConvTranspose3d  # noqa: F401
from .activation import Threshold, ReLU, RReLU, Hardtanh, ReLU6, Sigmoid, Tanh, Softmax, \
    Softmax2d, LogSoftmax, ELU, SELU, Hardshrink, LeakyReLU, LogSigmoid, Softplus, \
    Softshrink, PReLU, Softsign, Softmin, Tanhshrink, GLU  # noqa: F401
from .loss import L1Loss, NLLLoss, KLDivLoss, MSELoss, BCELoss, BCEWithLogitsLoss, \
    NLLLoss2d, CosineEmbeddingLoss, HingeEmbeddingLoss, MarginRankingLoss, \
    MultiLabelMarginLoss, MultiLabelSoftMarginLoss, MultiMarginLoss, SmoothL1Loss, \
    SoftMarginLoss, CrossEntropyLoss, TripletMarginLoss, PoissonNLLLoss  # noqa: F401
from ..container import Container, Sequential, ModuleList, ParameterList  # noqa: F401
from .pooling import AvgPool1d, AvgPool2d, AvgPool3d, MaxPool1d, MaxPool2d, MaxPool3d, \
    MaxUnpool1d, MaxUnpool2d, MaxUnpool3d, LPPool2d, AdaptiveMaxPool1d, \
    AdaptiveMaxPool2d, AdaptiveAvgPool1d, AdaptiveAvgPool2d, FractionalMaxPool2d  # noqa: F401
from .batchnorm import BatchNorm1d, BatchNorm2d, BatchNorm3d, InstanceNorm1d, \
    InstanceNorm2d, InstanceNorm3d  # noqa: F401
from .dropout import Dropout, Dropout2d, Dropout3d, AlphaDropout  # noqa: F401
from .rnn import RNNBase, RNN, LSTM, GRU, RNNCell, LSTMCell, GRUCell  # noqa: F401
from .misc import PairwiseDistance, CosineSimilarity, PixelShuffle, Upsample, \
    UpsamplingNearest2d, UpsamplingBilinear2d, CrossMapLRN2d  # noqa: F401
from .sparse import Embedding, EmbeddingBag  # noqa: F401
from .padding import ReflectionPad2d, ReplicationPad2d, ReplicationPad3d, ZeroPad2d, \
    ConstantPad2d  # noqa: F401
