"""The training library behind model_train_gpt2.py (and the held-out split model_eval.py reuses).

    data        dataset.txt -> dialogues, the wrong-file check, the held-out split, packed blocks
    precision   fp32 / fp16 / bf16 and --compile from the GPU's compute capability (a pure decision)
    project     the project folder: checkpoints, resume, the newest checkpoint, atomic final save
    build       the model to train: full fine-tuning, LoRA, QLoRA (4 bit), merging the adapter
    setup       the TrainingArguments, the perplexity before training, peak memory
    callbacks   tokens/s and time left in the logs; the NaN guard
    quiet       the known-benign library warnings that are hidden during training
    log         printing from the main process only

torch / transformers are imported inside the modules that need them, never here: the training
script's --help must stay instant.
"""
