#!/usr/bin/env python3
"""Convert the datasets shipped in Debian's python3-sklearn into plain CSV files with a header.

Run once by hand (`python3 packages/trainers/scripts/convert-sklearn-datasets.py`); the output
(packages/trainers/data/*.csv + manifest.json) is committed, so nothing is converted at build
time and nothing is downloaded at run time. Uses only the standard library: the formats are the
ones sklearn/datasets/_base.py reads (load_csv_data, load_gzip_compressed_csv_data), and the
feature and class names are copied from those loaders.
"""

import csv
import gzip
import json
import os
import sys

SKLEARN_DATA = os.environ.get("SKLEARN_DATA", "/usr/lib/python3/dist-packages/sklearn/datasets/data")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")

SKLEARN_LICENSE = "BSD-3-Clause (scikit-learn copy)"

IRIS_FEATURES = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]
WINE_FEATURES = [
    "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
    "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280/od315_of_diluted_wines",
    "proline",
]
BREAST_CANCER_FEATURES = [
    f"{prefix}{name}{suffix}"
    for prefix, suffix in (("mean ", ""), ("", " error"), ("worst ", ""))
    for name in (
        "radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
        "concave points", "symmetry", "fractal dimension",
    )
]
DIGITS_FEATURES = [f"pixel_{r}_{c}" for r in range(8) for c in range(8)]
DIABETES_FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]


def read_labelled_csv(name):
    """load_csv_data format: first line `n_samples,n_features,class names...`, last column = class index."""
    with open(os.path.join(SKLEARN_DATA, name), newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        n_rows, n_features = int(header[0]), int(header[1])
        class_names = header[2:]
        rows = [r for r in reader if r]
    assert len(rows) == n_rows, (name, len(rows), n_rows)
    assert all(len(r) == n_features + 1 for r in rows), name
    return rows, class_names


def write_csv(file_name, header, rows):
    path = os.path.join(OUT, file_name)
    tmp = path + ".tmp"
    with open(tmp, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    os.replace(tmp, path)


def num(text):
    """Keep integers as integers and floats in their shortest exact form."""
    value = float(text)
    return str(int(value)) if value.is_integer() else repr(value)


def finish_classification(id_, name, rows, class_names, features, out_file, source):
    out_rows = [[num(v) for v in r[:-1]] + [class_names[int(float(r[-1]))]] for r in rows]
    write_csv(out_file, features + ["target"], out_rows)
    return {
        "id": id_, "name": name, "task": "classification", "targetColumn": "target",
        "featureColumns": features, "rows": len(out_rows), "classes": len(class_names),
        "labels": class_names, "file": out_file, "source": source, "license": SKLEARN_LICENSE,
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = []

    rows, names = read_labelled_csv("iris.csv")
    manifest.append(finish_classification(
        "iris", "Iris", rows, names, IRIS_FEATURES, "iris.csv",
        "R.A. Fisher (1936), 'The use of multiple measurements in taxonomic problems'; via scikit-learn"))

    rows, names = read_labelled_csv("wine_data.csv")
    manifest.append(finish_classification(
        "wine", "Wine recognition", rows, names, WINE_FEATURES, "wine.csv",
        "UCI ML Wine recognition data (Forina et al., PARVUS); via scikit-learn"))

    rows, names = read_labelled_csv("breast_cancer.csv")
    manifest.append(finish_classification(
        "breast_cancer", "Breast cancer Wisconsin (diagnostic)", rows, names, BREAST_CANCER_FEATURES,
        "breast_cancer.csv",
        "UCI ML Breast Cancer Wisconsin (Diagnostic) (Wolberg, Street, Mangasarian 1995); via scikit-learn"))

    with gzip.open(os.path.join(SKLEARN_DATA, "digits.csv.gz"), "rt") as f:
        rows = [r for r in csv.reader(f) if r]
    assert all(len(r) == 65 for r in rows)
    manifest.append(finish_classification(
        "digits", "Handwritten digits (8x8)", rows, [str(d) for d in range(10)], DIGITS_FEATURES,
        "digits.csv",
        "UCI ML Optical Recognition of Handwritten Digits, test set (Alpaydin, Kaynak 1998); via scikit-learn"))

    # load_diabetes(scaled=False): raw features are space separated, the target is one value a line.
    with gzip.open(os.path.join(SKLEARN_DATA, "diabetes_data_raw.csv.gz"), "rt") as f:
        data = [line.split() for line in f if line.strip()]
    with gzip.open(os.path.join(SKLEARN_DATA, "diabetes_target.csv.gz"), "rt") as f:
        target = [line.strip() for line in f if line.strip()]
    assert len(data) == len(target) and all(len(r) == 10 for r in data)
    write_csv("diabetes.csv", DIABETES_FEATURES + ["target"],
              [[num(v) for v in r] + [num(t)] for r, t in zip(data, target)])
    manifest.append({
        "id": "diabetes", "name": "Diabetes progression", "task": "regression", "targetColumn": "target",
        "featureColumns": DIABETES_FEATURES, "rows": len(data), "file": "diabetes.csv",
        "source": "Efron, Hastie, Johnstone, Tibshirani (2004), 'Least Angle Regression' (B. Efron's diabetes data); via scikit-learn",
        "license": SKLEARN_LICENSE,
    })

    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    for entry in manifest:
        print(f"{entry['id']}: {entry['rows']} rows x {len(entry['featureColumns'])} features", file=sys.stderr)


if __name__ == "__main__":
    main()
